"""Tests for shop.utils.money and shop.utils.text."""

from decimal import Decimal

import pytest

from shop.utils.money import format_price, percent, round_cents, to_money
from shop.utils.text import slugify, table


def test_round_cents_rounds_half_up():
    assert round_cents(Decimal("2.345")) == Decimal("2.35")
    assert round_cents(Decimal("2.344")) == Decimal("2.34")


def test_to_money_parses_and_rejects():
    assert to_money("4.2") == Decimal("4.20")
    with pytest.raises(ValueError, match="not an amount"):
        to_money("four")


def test_percent_and_format():
    assert percent(Decimal("19.99"), Decimal("0.2")) == Decimal("4.00")
    assert format_price(Decimal("7.5"), "EUR") == "7.50 EUR"


def test_table_and_slugify():
    text = table(["a", "bb"], [["xyz", "1"]])
    assert text.splitlines() == ["a    bb", "---  --", "xyz  1"]
    assert slugify("Green tea, 100 g") == "green-tea-100-g"
    with pytest.raises(ValueError):
        table(["a"], [["1", "2"]])
