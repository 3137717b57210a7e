"""A project exception class with no __init__/__str__ of its own: str(e)
is its argument, here built by %-formatting the caught ImportError."""


class ConfigError(Exception):
    pass


class BackendMissing(ConfigError):
    pass


try:
    import missing_backend_xyz
except ImportError as e:
    raise BackendMissing("Error loading backend: %s" % e)
