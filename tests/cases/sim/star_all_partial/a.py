import b
__all__ = ['x']
x = 1
