import importlib

if TYPE_CHECKING:
    from typing import List

def load(name):
    return importlib.import_module(".plugins." + name, __package__), importlib.import_module("x.y", "pkg")
