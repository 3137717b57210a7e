import a

class C:
    y = 1
    z = a.X
