"""A function called by code that may or may not run still returns for
sure once it runs: the import after its return never runs."""
import os


def pick(x):
    if x:
        return x
    return None
    from fn import LATER


if len(os.listdir(".")) > 100:
    pick(1)

LATER = 1
