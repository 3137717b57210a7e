"""Write demo orders as JSON lines: ``make_orders.py --count 5 -o FILE``.

Run as ``PYTHONPATH=src python3 scripts/make_orders.py``.  The
``import random`` below finds ``scripts/random.py``, not the standard
library (README, defect 6, shadowed-stdlib).
"""

import argparse
import random
import sys

from shop.config.settings import PRICES_FILE
from shop.io.csv_store import read_products
from shop.io.json_export import dumps_orders
from shop.models.customer import Customer

NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara"]


def make_orders(count: int, seed: int) -> list:
    """``count`` orders of up to three lines, spread over a few customers."""
    random.seed(seed)
    products = read_products(PRICES_FILE)
    customers = [Customer(i + 1, name, f"{name.lower()}@example.org")
                 for i, name in enumerate(NAMES)]
    orders = []
    for number in range(1, count + 1):
        order = random.choice(customers).new_order(number)
        picks = [random.choice(products) for _ in range(3)]
        for product in dict.fromkeys(picks):
            order.add(product, random.randint(1, 12))
        orders.append(order)
    return orders


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("-o", "--output", help="file to write (default: -)")
    args = parser.parse_args(argv)
    text = dumps_orders(make_orders(args.count, args.seed))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
