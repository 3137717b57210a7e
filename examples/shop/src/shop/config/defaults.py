"""Defaults that do not depend on any file or environment."""

from decimal import Decimal

CURRENCY = "EUR"
TAX_RATE = Decimal("0.20")
LOW_STOCK_THRESHOLD = 3
