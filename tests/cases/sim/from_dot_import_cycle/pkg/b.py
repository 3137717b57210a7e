from . import a
A = a
