"""A converter registry (sympy's sympify): the lookup for int finds a
converter (one of several candidates: the keys decimal.Decimal and
fractions.Fraction cannot be evaluated, but every candidate is a
function), so the function returns before the import at its end, which
would fail on the partially initialised conv."""
import decimal
import fractions
from inspect import getmro

converter = {}
_sympy_converter = {}
_external_converter = converter


class CantConvert:
    pass


class Integer:
    def __init__(self, value):
        self.value = value


def convert_fraction(x):
    return x


_sympy_converter[float] = _sympy_converter[decimal.Decimal] = Integer
_sympy_converter[int] = Integer
_sympy_converter[fractions.Fraction] = convert_fraction
_sympy_converter[set] = lambda x: x


def sympify(a, strict=False):
    is_sympy = getattr(a, "__sympy__", None)
    if is_sympy is True:
        return a
    elif is_sympy is not None:
        if not strict:
            return a
        raise TypeError(a)
    if isinstance(a, CantConvert):
        raise TypeError(a)
    cls = getattr(a, "__class__", None)
    for superclass in getmro(cls):
        conv = _external_converter.get(superclass)
        if conv is None:
            conv = _sympy_converter.get(superclass)
        if conv is not None:
            return conv(a)
    if cls is type(None):
        return a
    from conv import LATER
    return LATER


class Expression:
    def __init__(self, ex):
        if not isinstance(ex, self.__class__):
            self.ex = sympify(ex)
        else:
            self.ex = ex.ex


ZERO = Expression(0)
LATER = 1
