import b
def deco(f):
    return f
