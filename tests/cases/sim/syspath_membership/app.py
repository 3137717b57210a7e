"""The usual guard: insert only when absent.  For `python -c`, sys.path[0]
is '' (not the directory), so the directory itself is absent."""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
if here not in sys.path:
    sys.path.insert(0, os.path.join(here, "lib"))
if os.path.join(here, "lib") in sys.path:
    sys.path.insert(0, os.path.join(here, "lib"))
if sys.path[0] == sys.path[1] and sys.path[2] == "":
    import twice
for entry in sys.path:
    if entry == "":
        import empty_first
