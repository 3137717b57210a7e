from __future__ import annotations
import a

def g(x: a.T) -> a.T:
    pass

class K:
    v: a.T
