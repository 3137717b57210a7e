import os
__all__ = ['os', 'f', 'C', 'v']
def f(): pass
class C: pass
for v in range(2): pass
