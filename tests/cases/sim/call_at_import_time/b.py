import a

def f():
    return a.X

VALUE = f()
