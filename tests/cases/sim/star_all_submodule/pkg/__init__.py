__all__ = ['sub', 'f']
def f():
    pass
