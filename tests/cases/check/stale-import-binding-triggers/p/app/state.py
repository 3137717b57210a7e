counter = 0
mode = 'a'

def bump():
    global counter
    counter += 1
