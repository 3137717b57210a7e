import b
class T:
    pass
