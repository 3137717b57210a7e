"""One import of every edge kind (tests/conformance/test_graph.py)."""
import kinds.eager_target                      # eager
try:
    import kinds.guarded_target                # guarded: the handler catches ImportError
except ImportError:
    guarded_target = None
try:
    import kinds_no_such_module                # guarded, unresolved
except ModuleNotFoundError:
    import kinds.fallback_target               # conditional: runs (the import above fails)
try:
    import kinds.try_keyerror_target           # eager: KeyError does not catch a failed import
except KeyError:
    pass
import sys
if sys.version_info >= (3, 8):
    import kinds.cond_target                   # conditional: true on every 3.8+
if __name__ == "__main__":
    import kinds.main_only_target              # conditional: false when imported
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import kinds.tc_target                     # type_checking: never runs
else:
    import kinds.tc_else_target                # conditional: the else of TYPE_CHECKING runs


def helper():
    import kinds.lazy_target                   # lazy: only when helper() is called
    return kinds.lazy_target


class Holder:
    import kinds.class_body_target             # eager: a class body runs at import

    def method(self):
        from kinds import lazy_from_target     # lazy
        return lazy_from_target


import importlib
importlib.import_module("kinds.dyn_target")             # dynamic
importlib.import_module(".dyn_rel_target", "kinds")     # dynamic, relative to "kinds"
__import__("kinds.dunder_target")                       # dynamic
