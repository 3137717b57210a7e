import os
__all__ = ["a"]
x = (1,
