"""Doc."""
from __future__ import annotations

__all__ = ['x']
__version__ = '1'
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import json

try:
    import yaml
except ImportError:
    yaml = None
import sys

x = 1


def f():
    import re
    return re
