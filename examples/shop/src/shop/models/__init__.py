"""Plain data: products, customers and orders.

The submodules are deliberately not imported here: see the README about the
import cycle between ``shop.models.customer`` and ``shop.models.order``.
"""
