__all__ = ['x']

def __getattr__(name):
    return 1
