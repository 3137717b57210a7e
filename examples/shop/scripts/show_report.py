"""Print the sales report of an order file: ``show_report.py FILE``.

Run as ``PYTHONPATH=src python3 scripts/show_report.py orders.jsonl``.
"""

import sys

from shop.application.reporting import best_customers, render
from shop.io.json_export import loads_orders


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: show_report.py ORDERS.jsonl", file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as f:
        orders = loads_orders(f.read())
    print(render(orders))
    print()
    print("best customers:", ", ".join(c.name for c in best_customers(orders)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
