__all__ = ['x']
import b
x = 1
