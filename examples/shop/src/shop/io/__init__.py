"""I/O layer: reading and writing the shop's files.

``shop.io`` is a subpackage, so it never hides the standard library's
``io``: inside this package ``import io`` is absolute and finds the stdlib.
May use ``shop.domain`` and ``shop.models``; must not import
``shop.application``.
"""
