try:
    import b
except ImportError:
    pass
import c
