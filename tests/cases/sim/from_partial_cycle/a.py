from b import X
Y = 1
