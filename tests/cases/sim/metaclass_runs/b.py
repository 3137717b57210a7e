import a

class Meta(type):
    def __init__(cls, name, bases, ns):
        cls.v = a.X

class K(metaclass=Meta):
    pass
