"""Tests for shop.domain: pricing, discounts, loyalty, inventory."""

from decimal import Decimal

import pytest

from shop.domain import discounts, loyalty
from shop.domain.inventory import Inventory, OutOfStock
from shop.domain.pricing import price_order
from shop.models.customer import Customer
from shop.models.product import Product

TEA = Product("TEA-001", "Green tea", Decimal("4.20"), "drinks")


def test_volume_discount_applies_from_ten_units():
    assert discounts.volume_rate(9) == Decimal("0")
    assert discounts.volume_rate(10) == Decimal("0.05")
    assert discounts.volume_rate(50) == Decimal("0.10")


def test_loyalty_tiers_and_cap():
    assert loyalty.tier_of(0) == "bronze"
    assert loyalty.tier_of(120) == "silver"
    assert loyalty.tier_of(500) == "gold"
    assert loyalty.best_rate(500) == Decimal("0.15")
    assert discounts.discount_rate(60, 10**6) <= discounts.MAX_RATE


def test_price_order_discount_then_tax():
    customer = Customer(1, "Ada", "ada@example.org")
    order = customer.new_order(1)
    order.add(TEA, 10)
    quote = price_order(order, tax_rate=Decimal("0.20"))
    assert quote.subtotal == Decimal("42.00")
    assert quote.discount == Decimal("2.10")
    assert quote.tax == Decimal("7.98")
    assert quote.total == Decimal("47.88")


def test_previous_orders_earn_loyalty_discount():
    customer = Customer(2, "Grace", "grace@example.org")
    customer.new_order(1).add(Product("POT", "Pot", Decimal("120")), 1)
    order = customer.new_order(2)
    order.add(TEA, 1)
    assert price_order(order).discount == Decimal("0.08")


def test_inventory_reserve_and_out_of_stock():
    stock = Inventory({"TEA-001": 2})
    stock.reserve(TEA, 2)
    assert stock.available(TEA) == 0
    with pytest.raises(OutOfStock) as info:
        stock.reserve(TEA, 1)
    assert info.value.available == 0
    assert stock.low_stock(1) == ["TEA-001"]
