"""Orders as JSON lines, one order per line, with their priced totals."""

import io
import json
from decimal import Decimal

from shop.domain.pricing import price_order
from shop.models.customer import Customer
from shop.models.order import Order
from shop.models.product import Product


def order_to_dict(order: Order) -> dict:
    """A JSON-ready view of ``order``, including its quote."""
    quote = price_order(order)
    c = order.customer
    return {
        "number": order.number,
        "customer": {"id": c.customer_id, "name": c.name, "email": c.email},
        "lines": [
            {"sku": line.product.sku, "name": line.product.name,
             "price": str(line.product.price),
             "category": line.product.category, "quantity": line.quantity}
            for line in order.lines
        ],
        "total": str(quote.total),
    }


def dumps_orders(orders: list[Order]) -> str:
    """Serialise ``orders`` as JSON lines."""
    out = io.StringIO()
    for order in orders:
        out.write(json.dumps(order_to_dict(order), sort_keys=True))
        out.write("\n")
    return out.getvalue()


def loads_orders(text: str) -> list[Order]:
    """Rebuild orders (and their customers) from ``dumps_orders`` output."""
    customers: dict[int, Customer] = {}
    orders = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"line {lineno}: {e.msg}") from None
        c = data["customer"]
        customer = customers.setdefault(
            c["id"], Customer(c["id"], c["name"], c["email"])
        )
        order = customer.new_order(data["number"])
        for item in data["lines"]:
            product = Product(item["sku"], item["name"],
                              Decimal(item["price"]), item["category"])
            order.add(product, item["quantity"])
        orders.append(order)
    return orders
