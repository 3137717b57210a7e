"""Old one-line sales summary, superseded by shop.application.reporting.

PLANTED DEFECT (relative-import-beyond-top): this file used to live at
``shop/reports/legacy.py``.  When it moved up one level its relative import
kept both dots, which now point above the top-level package ``shop``.
Nothing imports this module any more, so nobody noticed.
"""

from ..utils.money import format_price


def summary(count: int, total) -> str:
    """``3 orders, 12.00 EUR``."""
    return f"{count} orders, {format_price(total)}"
