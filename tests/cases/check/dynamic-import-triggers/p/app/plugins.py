import importlib
import importlib.util
from importlib import import_module as load


def get(name, path, code):
    a = importlib.import_module('app.' + name)
    b = load(name)
    c = __import__(name)
    spec = importlib.util.spec_from_file_location('plugin', path)
    exec(code)
    return a, b, c, spec
