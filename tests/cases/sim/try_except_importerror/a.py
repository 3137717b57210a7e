import b
Y = 1
