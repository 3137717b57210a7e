import a

def g(x: a.T) -> None:
    pass
