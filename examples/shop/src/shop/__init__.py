"""shop: a small web-shop core (products, prices, orders, reports).

The package is split into layers, highest first: ``shop.application``
(use cases), ``shop.io`` (files and formats), ``shop.domain`` (pricing,
discounts, stock).  ``shop.models``, ``shop.utils``, ``shop.config`` and
``shop.monitoring`` are shared by every layer.
"""

__version__ = "0.1.0"
