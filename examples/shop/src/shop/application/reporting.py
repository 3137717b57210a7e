"""Sales report: revenue per category and best-selling products."""

from collections import defaultdict
from decimal import Decimal

from shop.domain.pricing import price_order
from shop.models.customer import Customer
from shop.models.order import Order
from shop.utils.money import format_price
from shop.utils.text import table


def revenue_by_category(orders: list[Order]) -> dict[str, Decimal]:
    """Line amounts summed per product category (before discounts)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for order in orders:
        for line in order.lines:
            totals[line.product.category] += line.amount
    return dict(sorted(totals.items()))


def best_sellers(orders: list[Order], top: int = 3) -> list[tuple[str, int]]:
    """The ``top`` skus by units sold; ties broken by sku."""
    units: dict[str, int] = defaultdict(int)
    for order in orders:
        for line in order.lines:
            units[line.product.sku] += line.quantity
    return sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def best_customers(orders: list[Order]) -> list[Customer]:
    """Customers ordered by what they paid, highest first."""
    paid: dict[int, Decimal] = defaultdict(Decimal)
    by_id: dict[int, Customer] = {}
    for order in orders:
        paid[order.customer.customer_id] += price_order(order).total
        by_id[order.customer.customer_id] = order.customer
    ranked = sorted(paid, key=lambda cid: (-paid[cid], cid))
    return [by_id[cid] for cid in ranked]


def render(orders: list[Order], currency: str = "EUR") -> str:
    """The whole report as text."""
    revenue = revenue_by_category(orders)
    total = sum((price_order(o).total for o in orders), Decimal("0"))
    parts = [
        f"{len(orders)} orders, {format_price(total, currency)} paid",
        "",
        table(["category", "revenue"],
              [[c, format_price(a, currency)] for c, a in revenue.items()]),
        "",
        table(["sku", "units"],
              [[sku, str(n)] for sku, n in best_sellers(orders)]),
    ]
    return "\n".join(parts)
