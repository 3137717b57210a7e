from . import a, b, c
