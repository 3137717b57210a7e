"""Products sold by the shop."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Product:
    """A product on sale: stock-keeping unit, name, unit price, category."""

    sku: str
    name: str
    price: Decimal
    category: str = "general"

    def __post_init__(self) -> None:
        if self.price < 0:
            raise ValueError(f"negative price for {self.sku}: {self.price}")
        if not self.sku:
            raise ValueError("a product needs a sku")
