"""Dotted imports run every parent package; from-imports of submodules."""
import deep.a.b.c                # deep.a.b.c, plus parent edges to deep, deep.a, deep.a.b
from shop import cart            # a submodule: the edge goes to shop.cart (shop as parent)
from shop import VERSION         # an attribute: the edge goes to shop itself
import nsp.mod                   # a namespace package (no __init__.py) and its module
