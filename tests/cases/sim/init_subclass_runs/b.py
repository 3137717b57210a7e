import a

class Base:
    def __init_subclass__(cls):
        cls.v = a.X

class K(Base):
    pass
