"""A dict passed to code the model does not follow may have been changed
there: the lookup that decides the circular import is unknown."""
import json

registry = {}
json.dumps(registry)

if registry.get("x") is None:
    from esc import LATER

LATER = 1
