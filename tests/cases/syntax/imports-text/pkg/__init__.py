from .sub import helper
try:
    import ujson as json
except ImportError:
    import json
