import importlib
sub = importlib.import_module('.sub', __name__)
other = importlib.import_module('pkg.other')
V = sub.X
