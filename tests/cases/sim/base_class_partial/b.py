import a

class C(a.Base):
    pass
