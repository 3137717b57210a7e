"""Loyalty programme: points earned per euro and the tiers they reach.

The other half of the harmless cycle with ``shop.domain.discounts``.
"""

from decimal import Decimal

import shop.domain.discounts

# (minimum points, tier name, extra discount rate), highest tier first
TIERS = (
    (500, "gold", Decimal("0.05")),
    (100, "silver", Decimal("0.02")),
    (0, "bronze", Decimal("0")),
)


def points_for(amount: Decimal) -> int:
    """One point per whole unit of currency spent."""
    return int(amount) if amount > 0 else 0


def tier_of(points: int) -> str:
    """Name of the tier reached with ``points``."""
    return _tier(points)[1]


def tier_rate(points: int) -> Decimal:
    """Extra discount rate granted by the tier reached with ``points``."""
    return _tier(points)[2]


def best_rate(points: int) -> Decimal:
    """The highest rate this customer can get, on a very large order."""
    return shop.domain.discounts.discount_rate(10**6, points)


def _tier(points: int) -> tuple[int, str, Decimal]:
    for tier in TIERS:
        if points >= tier[0]:
            return tier
    raise ValueError(f"negative loyalty points: {points}")
