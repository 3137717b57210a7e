"""Command line: ``python -m shop prices|demo|report FILE|health``."""

import argparse
import sys
from pathlib import Path

from shop.application.checkout import CheckoutError, checkout
from shop.application.reporting import render
from shop.config import settings
from shop.domain.inventory import Inventory
from shop.io.csv_store import read_products
from shop.io.json_export import loads_orders
from shop.models.customer import Customer
from shop.monitoring import health
from shop.monitoring.metrics import Registry
from shop.utils.money import format_price
from shop.utils.text import table


def cmd_prices(args: argparse.Namespace) -> int:
    """Print the price list."""
    rows = [[p.sku, p.name, format_price(p.price, settings.CURRENCY)]
            for p in read_products(settings.PRICES_FILE)]
    print(table(["sku", "name", "price"], rows))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Check out a sample cart for a sample customer and print the report."""
    catalog = {p.sku: p for p in read_products(settings.PRICES_FILE)}
    inventory = Inventory({sku: 20 for sku in catalog})
    customer = Customer(1, "Ada", "ada@example.org")
    metrics = Registry()
    try:
        receipt = checkout(customer, {"TEA-001": 2, "MUG-001": 1}, catalog,
                           inventory, metrics)
    except CheckoutError as e:
        print(f"checkout failed: {e}", file=sys.stderr)
        return 1
    print(f"order {receipt.order.number}: "
          f"{format_price(receipt.quote.total, settings.CURRENCY)}")
    print(render(customer.orders, settings.CURRENCY))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print the sales report of a JSON-lines order file."""
    try:
        orders = loads_orders(Path(args.orders).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as e:
        print(f"{args.orders}: {e}", file=sys.stderr)
        return 2
    print(render(orders, settings.CURRENCY))
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    """Run the health checks; exit 1 if any fails."""
    problems = health.check_prices(settings.PRICES)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run one command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="shop")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prices", help="print the price list")
    sub.add_parser("demo", help="check out a sample cart")
    report = sub.add_parser("report", help="report on an order file")
    report.add_argument("orders", help="JSON lines written by make_orders")
    sub.add_parser("health", help="run health checks")
    args = parser.parse_args(argv)
    commands = {"prices": cmd_prices, "demo": cmd_demo,
                "report": cmd_report, "health": cmd_health}
    return commands[args.command](args)
