"""Money helpers: parsing, rounding to cents, percentages and formatting.

This module has no ``__all__``, so ``from shop.utils.money import *`` also
copies the names it imported itself (``Decimal``, ``ROUND_HALF_UP``).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_money(value: Decimal | int | str) -> Decimal:
    """Parse ``value`` as an amount of money rounded to cents."""
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not an amount of money: {value!r}") from None
    return round_cents(amount)


def round_cents(amount: Decimal) -> Decimal:
    """Round half up to whole cents, as shop receipts do."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def percent(amount: Decimal, rate: Decimal) -> Decimal:
    """``rate`` (0.2 for 20 %) of ``amount``, rounded to cents."""
    return round_cents(amount * rate)


def format_price(amount: Decimal, currency: str = "EUR") -> str:
    """Format an amount for people: ``12.50 EUR``."""
    return f"{round_cents(amount):.2f} {currency}"
