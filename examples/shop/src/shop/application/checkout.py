"""Checkout: turn a cart into a priced order, reserving stock."""

from dataclasses import dataclass

from shop.domain.inventory import Inventory, OutOfStock
from shop.domain.pricing import Quote, price_order
from shop.models.customer import Customer
from shop.models.order import Order
from shop.models.product import Product
from shop.monitoring.metrics import Registry
from shop.monitoring.timing import Timer


@dataclass(frozen=True)
class Receipt:
    """A completed checkout: the order and what it costs."""

    order: Order
    quote: Quote


class CheckoutError(Exception):
    """The cart cannot be checked out."""


def checkout(
    customer: Customer,
    cart: dict[str, int],
    catalog: dict[str, Product],
    inventory: Inventory,
    metrics: Registry | None = None,
) -> Receipt:
    """Check out ``cart`` (quantities by sku) for ``customer``.

    Every line is reserved or none is: stock is only taken once the whole
    cart is known to be available.
    """
    metrics = metrics or Registry()
    with Timer() as timer:
        try:
            receipt = _checkout(customer, cart, catalog, inventory)
        except CheckoutError:
            metrics.counter("checkout.failed").inc()
            raise
    metrics.counter("checkout.ok").inc()
    metrics.counter("checkout.microseconds").inc(int(timer.seconds * 1e6))
    return receipt


def _checkout(customer, cart, catalog, inventory) -> Receipt:
    if not cart:
        raise CheckoutError("empty cart")
    for sku, quantity in cart.items():
        if sku not in catalog:
            raise CheckoutError(f"unknown product {sku}")
        if inventory.available(catalog[sku]) < quantity:
            raise CheckoutError(str(OutOfStock(
                sku, quantity, inventory.available(catalog[sku]))))
    order = customer.new_order(number=len(customer.orders) + 1)
    for sku, quantity in sorted(cart.items()):
        inventory.reserve(catalog[sku], quantity)
        order.add(catalog[sku], quantity)
    return Receipt(order, price_order(order))
