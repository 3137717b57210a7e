"""A list changed by a method (append) is no longer known item by item:
the loop over it may run the circular import (it does)."""
plugins = []
names = plugins
names.append("x")

for name in plugins:
    from lst import LATER

LATER = 1
