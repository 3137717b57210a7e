def load():
    from . import plugins
    return plugins

P = load()
Q = P.X
