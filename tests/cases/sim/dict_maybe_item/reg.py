"""An item set by code that may or may not run: whether the lookup finds
it decides whether the circular import below runs, so the outcome is
unknown."""
import os

handlers = {}
if len(os.listdir(".")) > 100:
    handlers[int] = str

if handlers.get(int) is None:
    from reg import LATER

LATER = 1
