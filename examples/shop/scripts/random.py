"""Deterministic stand-ins for a few ``random`` functions.

PLANTED DEFECT (shadowed-stdlib): this file was added so that demo data is
the same on every run, but its name is ``random.py``.  Python puts a
script's own directory first on ``sys.path``, so every ``import random`` in
a script run from this directory (and in anything that script imports)
gets this module instead of the standard library's.
"""

_MODULUS = 2**31 - 1
_MULTIPLIER = 48271
_state = [1]


def seed(value: int) -> None:
    """Restart the sequence from ``value``."""
    _state[0] = value % _MODULUS or 1


def randint(low: int, high: int) -> int:
    """The next number in ``low..high`` (both included)."""
    _state[0] = _state[0] * _MULTIPLIER % _MODULUS
    return low + _state[0] % (high - low + 1)


def choice(items: list):
    """The next pick among ``items``."""
    if not items:
        raise IndexError("cannot choose from an empty sequence")
    return items[randint(0, len(items) - 1)]
