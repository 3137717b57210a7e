"""Orders: lines of products bought by one customer.

This module imports ``shop.models.customer`` as a module and only looks
inside it when a method runs, which is harmless on its own.  The other half
of the cycle, in ``shop.models.customer``, is not: see the README (defect 1,
import-cycle-crash).
"""

from dataclasses import dataclass, field
from decimal import Decimal

import shop.models.customer
from shop.models.product import Product


@dataclass(frozen=True)
class OrderLine:
    """A quantity of one product within an order."""

    product: Product
    quantity: int

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise ValueError(f"quantity must be positive: {self.quantity}")

    @property
    def amount(self) -> Decimal:
        """Unit price times quantity, before any discount."""
        return self.product.price * self.quantity


@dataclass(eq=False)
class Order:
    """An order placed by a customer; lines are added before checkout."""

    number: int
    customer: "shop.models.customer.Customer"
    lines: list[OrderLine] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.customer, shop.models.customer.Customer):
            raise TypeError(f"not a customer: {self.customer!r}")

    def add(self, product: Product, quantity: int = 1) -> OrderLine:
        """Append a line for ``quantity`` units of ``product``."""
        line = OrderLine(product, quantity)
        self.lines.append(line)
        return line

    @property
    def quantity(self) -> int:
        """Number of units over all lines."""
        return sum(line.quantity for line in self.lines)

    @property
    def subtotal(self) -> Decimal:
        """Sum of the line amounts, before discount and tax."""
        return sum((line.amount for line in self.lines), Decimal("0"))
