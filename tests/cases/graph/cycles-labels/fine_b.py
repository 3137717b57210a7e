import fine_a

Y = 2
