"""A harmless two-module cycle: neither uses the other at import time."""
import pong


def value():
    return pong.X
