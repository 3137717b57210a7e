__all__ = ['slug']

def slug(s):
    return s

def other():
    pass
