"""Tests for shop.application.reporting and the shop.io formats."""

from decimal import Decimal

from shop.application.reporting import (best_customers, best_sellers, render,
                                        revenue_by_category)
from shop.io.csv_store import read_products, write_products
from shop.io.json_export import dumps_orders, loads_orders
from shop.models.customer import Customer
from shop.models.product import Product

TEA = Product("TEA-001", "Green tea", Decimal("4.20"), "drinks")
MUG = Product("MUG-001", "Mug", Decimal("8.00"), "kitchen")


def sample_orders():
    ada = Customer(1, "Ada", "ada@example.org")
    alan = Customer(2, "Alan", "alan@example.org")
    first = ada.new_order(1)
    first.add(TEA, 3)
    second = alan.new_order(2)
    second.add(MUG, 2)
    second.add(TEA, 1)
    return [first, second]


def test_revenue_and_best_sellers():
    orders = sample_orders()
    assert revenue_by_category(orders) == {
        "drinks": Decimal("16.80"), "kitchen": Decimal("16.00")}
    assert best_sellers(orders) == [("TEA-001", 4), ("MUG-001", 2)]
    assert [c.name for c in best_customers(orders)] == ["Alan", "Ada"]
    assert render(orders).splitlines()[0] == "2 orders, 39.36 EUR paid"


def test_json_lines_round_trip():
    orders = sample_orders()
    again = loads_orders(dumps_orders(orders))
    assert [o.number for o in again] == [1, 2]
    assert [o.subtotal for o in again] == [o.subtotal for o in orders]
    assert again[1].customer.email == "alan@example.org"


def test_csv_round_trip(tmp_path):
    path = tmp_path / "products.csv"
    write_products(path, [TEA, MUG])
    assert read_products(path) == [TEA, MUG]
