"""Customers and their order history.

PLANTED DEFECT (import-cycle-crash): ``from shop.models.order import Order``
below closes a cycle with ``shop.models.order``.  Importing this module
first works (``shop.models.order`` runs to the end while this one waits);
importing ``shop.models.order`` first fails, because this line then asks a
partially initialised ``shop.models.order`` for a name it has not bound yet.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from shop.models.order import Order


@dataclass(eq=False)
class Customer:
    """A registered customer and the orders they placed."""

    customer_id: int
    name: str
    email: str
    orders: list[Order] = field(default_factory=list)

    def __post_init__(self) -> None:
        if "@" not in self.email:
            raise ValueError(f"invalid e-mail address: {self.email!r}")

    def new_order(self, number: int) -> Order:
        """Open an empty order for this customer and record it."""
        order = Order(number=number, customer=self)
        self.orders.append(order)
        return order

    @property
    def lifetime_value(self) -> Decimal:
        """What the customer has ordered so far, before discounts."""
        return sum((order.subtotal for order in self.orders), Decimal("0"))
