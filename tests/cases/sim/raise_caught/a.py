try:
    raise ImportError('nope')
except ImportError:
    import b
