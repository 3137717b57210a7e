X = None
def setup():
    global X, Y
    X = 1
    Y = 2
setup()
