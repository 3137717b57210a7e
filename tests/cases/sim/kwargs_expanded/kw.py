"""**kwargs of a followed dict are expanded (the callee gets a new dict):
the default {} stays known, so the loop over its "fromlist" is empty and
the import that follows is reached for sure, failing on the partially
initialised kw."""


def import_module(module, import_kwargs={}):
    mod = __import__(module, **import_kwargs)
    for sub in import_kwargs.get("fromlist", tuple()):
        __import__(module + "." + sub)
    return mod


json = import_module("json")
import helper

LATER = 1
