from importlib import import_module
for name in ('pkg.b', 'pkg.a'):
    import_module(name)
