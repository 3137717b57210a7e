import b
class Base:
    pass
