from d import D

C = 1
