X = 1
del X
