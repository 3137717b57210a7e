def setup():
    global Y
    Y = 2
