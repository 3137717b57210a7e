"""Small API."""
from typing import TYPE_CHECKING

from .a import run
from .b import stop

if TYPE_CHECKING:
    from . import c

__all__ = ['run', 'stop']
__version__ = '1.0'


def __getattr__(name):
    import importlib
    return importlib.import_module('.' + name, __name__)
