n = 0

def set_n(v):
    global n
    n = v
