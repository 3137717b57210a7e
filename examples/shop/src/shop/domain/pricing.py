"""Prices of whole orders: subtotal, discount, tax and total.

PLANTED DEFECT (wildcard-import): ``from shop.utils.money import *`` below.
``shop.utils.money`` has no ``__all__``, so the star copies every public
name of that module, including ``Decimal`` which this module then uses
without importing it by name.
"""

from dataclasses import dataclass

import shop.domain.discounts
import shop.domain.loyalty
from shop.config.defaults import TAX_RATE
from shop.models.customer import Customer
from shop.models.order import Order
from shop.utils.money import *


@dataclass(frozen=True)
class Quote:
    """The price of an order, line by line summed up, in cents."""

    subtotal: Decimal
    discount: Decimal
    tax: Decimal

    @property
    def total(self) -> Decimal:
        """What the customer pays."""
        return self.subtotal - self.discount + self.tax


def loyalty_points(customer: Customer, excluding: Order | None = None) -> int:
    """Points earned by the customer's orders, except ``excluding``."""
    spent = sum(
        (o.subtotal for o in customer.orders if o is not excluding),
        Decimal("0"),
    )
    return shop.domain.loyalty.points_for(spent)


def price_order(order: Order, tax_rate: Decimal = TAX_RATE) -> Quote:
    """Price ``order``: discounts first, then tax on the discounted amount."""
    subtotal = round_cents(order.subtotal)
    points = loyalty_points(order.customer, excluding=order)
    rate = shop.domain.discounts.discount_rate(order.quantity, points)
    discount = percent(subtotal, rate)
    tax = percent(subtotal - discount, tax_rate)
    return Quote(subtotal=subtotal, discount=discount, tax=tax)
