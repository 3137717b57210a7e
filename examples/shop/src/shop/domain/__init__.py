"""Domain layer: pricing, discounts, loyalty and stock rules.

May use ``shop.models`` and ``shop.utils``; must not import ``shop.io`` or
``shop.application``.
"""
