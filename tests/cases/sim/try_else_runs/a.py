try:
    import b
except ImportError:
    pass
else:
    import c
