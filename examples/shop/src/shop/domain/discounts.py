"""Discount rules: a volume discount plus the customer's loyalty tier.

Forms a harmless import cycle with ``shop.domain.loyalty`` (README,
defect 2): each module imports the other as a module and only looks up
attributes inside functions, so either can be imported first.
"""

from decimal import Decimal

import shop.domain.loyalty

MAX_RATE = Decimal("0.25")
VOLUME_TIERS = ((50, Decimal("0.10")), (10, Decimal("0.05")))


def volume_rate(quantity: int) -> Decimal:
    """Discount rate earned by buying ``quantity`` units in one order."""
    for minimum, rate in VOLUME_TIERS:
        if quantity >= minimum:
            return rate
    return Decimal("0")


def discount_rate(quantity: int, points: int) -> Decimal:
    """Combined rate for an order, never above ``MAX_RATE``."""
    rate = volume_rate(quantity) + shop.domain.loyalty.tier_rate(points)
    return min(rate, MAX_RATE)
