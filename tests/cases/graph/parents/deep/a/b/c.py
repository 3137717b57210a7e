import deep.a.b.d                # only deep.a.b.d: deep, deep.a, deep.a.b are this module's own parents
from .d import THING             # relative attribute import: an edge to deep.a.b.d
from .. import helper            # level 2: deep.a.helper
from ...x import y               # level 3: deep.x, then its submodule deep.x.y
try:
    from .... import nothing     # beyond the top-level package: no edge
except ImportError:
    pass
