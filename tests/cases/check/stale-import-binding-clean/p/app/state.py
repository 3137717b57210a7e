mode = 'a'
mode = 'b'

def f():
    return mode
