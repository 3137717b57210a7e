"""get() may return the dict from either return: the model loses track of
the value, so the store through it is unseen and the lookup unknown (it
finds the handler: no import runs)."""
reg = {}


def get():
    if len(__name__) > 100:
        return reg
    return reg


get()[int] = str

if reg.get(int) is None:
    from lost import LATER

LATER = 1
