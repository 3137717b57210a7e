"""Pkg."""
from . import a, b
from .c import thing
import pkg.d
