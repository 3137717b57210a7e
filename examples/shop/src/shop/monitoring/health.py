"""Health checks: each returns a list of human-readable problems."""

from decimal import Decimal

from shop.monitoring.metrics import Registry


def check_prices(prices: dict[str, Decimal]) -> list[str]:
    """Problems with a price list: empty, or zero or negative prices."""
    if not prices:
        return ["no prices loaded"]
    return [f"{sku}: price {p} is not positive"
            for sku, p in sorted(prices.items()) if p <= 0]


def check_failures(registry: Registry, limit: int = 0) -> list[str]:
    """A problem if more than ``limit`` checkouts have failed."""
    failed = registry.snapshot().get("checkout.failed", 0)
    if failed > limit:
        return [f"{failed} failed checkouts"]
    return []
