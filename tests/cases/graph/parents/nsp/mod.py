NS = 1
