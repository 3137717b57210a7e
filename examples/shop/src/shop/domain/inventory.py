"""Stock levels and reservations for products."""

from collections import Counter

from shop.models.product import Product


class OutOfStock(Exception):
    """Raised when an order asks for more units than are in stock."""

    def __init__(self, sku: str, wanted: int, available: int) -> None:
        super().__init__(f"{sku}: wanted {wanted}, only {available} in stock")
        self.sku = sku
        self.wanted = wanted
        self.available = available


class Inventory:
    """Units in stock per sku; reservations take units out immediately."""

    def __init__(self, stock: dict[str, int] | None = None) -> None:
        self._stock: Counter[str] = Counter(stock or {})

    def available(self, product: Product) -> int:
        """Units of ``product`` that can still be reserved."""
        return self._stock[product.sku]

    def restock(self, product: Product, quantity: int) -> None:
        """Add ``quantity`` units of ``product``."""
        if quantity <= 0:
            raise ValueError(f"restock quantity must be positive: {quantity}")
        self._stock[product.sku] += quantity

    def reserve(self, product: Product, quantity: int) -> None:
        """Take ``quantity`` units out of stock or raise ``OutOfStock``."""
        have = self._stock[product.sku]
        if quantity > have:
            raise OutOfStock(product.sku, quantity, have)
        self._stock[product.sku] = have - quantity

    def low_stock(self, threshold: int) -> list[str]:
        """Skus with fewer than ``threshold`` units left, sorted."""
        return sorted(sku for sku, n in self._stock.items() if n < threshold)
