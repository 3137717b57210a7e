"""Product catalogues stored as CSV files (sku, name, price, category)."""

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from shop.models.product import Product

FIELDS = ["sku", "name", "price", "category"]


class CatalogError(ValueError):
    """A catalogue file has a malformed row."""


def read_products(path: Path) -> list[Product]:
    """Read every product of the CSV file at ``path``."""
    products = []
    with open(path, newline="", encoding="utf-8") as f:
        for lineno, row in enumerate(csv.DictReader(f), start=2):
            try:
                price = Decimal(row["price"])
            except (InvalidOperation, TypeError):
                raise CatalogError(f"{path}:{lineno}: bad price") from None
            products.append(
                Product(row["sku"], row["name"], price, row["category"])
            )
    return products


def write_products(path: Path, products: list[Product]) -> None:
    """Write ``products`` to ``path`` in the format ``read_products`` reads."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS)
        writer.writeheader()
        for p in products:
            writer.writerow(
                {"sku": p.sku, "name": p.name, "price": str(p.price),
                 "category": p.category}
            )
