import a

@a.deco
def g():
    pass
