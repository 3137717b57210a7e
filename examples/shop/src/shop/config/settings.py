"""Settings read once, when this module is first imported.

PLANTED DEFECT (import-side-effect): the module opens ``data/prices.csv``
and prints a line while it is being imported, so every program that imports
it, even indirectly, reads a file and writes to stdout.
"""

import csv
from decimal import Decimal
from pathlib import Path

from shop.config.defaults import CURRENCY, TAX_RATE

PRICES_FILE = Path(__file__).resolve().parent.parent / "data" / "prices.csv"

PRICES: dict[str, Decimal] = {}
with open(PRICES_FILE, newline="", encoding="utf-8") as prices_file:
    for row in csv.DictReader(prices_file):
        PRICES[row["sku"]] = Decimal(row["price"])
print(f"loaded {len(PRICES)} prices")

SETTINGS = {"currency": CURRENCY, "tax_rate": TAX_RATE}
