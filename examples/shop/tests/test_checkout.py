"""Tests for shop.application.checkout."""

from decimal import Decimal

import pytest

from shop.application.checkout import CheckoutError, checkout
from shop.domain.inventory import Inventory
from shop.models.customer import Customer
from shop.models.product import Product
from shop.monitoring.health import check_failures
from shop.monitoring.metrics import Registry

CATALOG = {
    "TEA-001": Product("TEA-001", "Green tea", Decimal("4.20"), "drinks"),
    "MUG-001": Product("MUG-001", "Mug", Decimal("8.00"), "kitchen"),
}


def test_checkout_prices_and_reserves():
    customer = Customer(1, "Ada", "ada@example.org")
    stock = Inventory({"TEA-001": 5, "MUG-001": 1})
    metrics = Registry()
    receipt = checkout(customer, {"TEA-001": 2, "MUG-001": 1}, CATALOG,
                       stock, metrics)
    assert receipt.quote.total == Decimal("19.68")
    assert [line.product.sku for line in receipt.order.lines] == [
        "MUG-001", "TEA-001"]
    assert stock.available(CATALOG["MUG-001"]) == 0
    assert customer.orders == [receipt.order]
    assert metrics.snapshot()["checkout.ok"] == 1


def test_checkout_takes_nothing_when_one_line_fails():
    customer = Customer(1, "Ada", "ada@example.org")
    stock = Inventory({"TEA-001": 5, "MUG-001": 0})
    metrics = Registry()
    with pytest.raises(CheckoutError, match="MUG-001: wanted 1"):
        checkout(customer, {"TEA-001": 2, "MUG-001": 1}, CATALOG, stock,
                 metrics)
    assert stock.available(CATALOG["TEA-001"]) == 5
    assert customer.orders == []
    assert check_failures(metrics) == ["1 failed checkouts"]


def test_checkout_rejects_unknown_and_empty():
    customer = Customer(1, "Ada", "ada@example.org")
    with pytest.raises(CheckoutError, match="unknown product"):
        checkout(customer, {"NOPE": 1}, CATALOG, Inventory())
    with pytest.raises(CheckoutError, match="empty cart"):
        checkout(customer, {}, CATALOG, Inventory())
