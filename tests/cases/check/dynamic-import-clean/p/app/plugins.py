import importlib
import importlib.util


def import_module(x):
    return x


def get(name):
    a = importlib.import_module('json')
    b = __import__('os')
    c = import_module(name)
    spec = importlib.util.spec_from_file_location(name, '/fixed/plugin.py')
    exec('x = 1')
    return a, b, c, spec, eval(name)
