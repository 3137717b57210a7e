"""Doc."""
import os

os.environ.setdefault('X', '1')
import json


def f():
    pass


from collections import (
    OrderedDict,
)
