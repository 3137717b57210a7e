import a

class K:
    v: a.T
