import ping

X = 1
