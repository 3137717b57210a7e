import pkg
try:
    import pkg.bad
except ImportError:
    pass
print(pkg.good.X)
