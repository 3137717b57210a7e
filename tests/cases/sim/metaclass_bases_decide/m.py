"""The metaclass receives the bases as written: `bases == (Base,)` is
decided (classes compare by identity), so the import in __new__ runs for
Second only, and fails there on the partially initialised m."""


class Base:
    pass


class Meta(type):
    def __new__(mcs, name, bases, attrs):
        if bases == (Base,):
            return super().__new__(mcs, name, bases, attrs)
        from helper import VALUE
        return super().__new__(mcs, name, bases, attrs)


class First(Base, metaclass=Meta):
    pass


class Second(First):
    pass
