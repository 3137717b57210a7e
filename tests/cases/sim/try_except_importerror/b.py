try:
    from a import Y
except ImportError:
    Y = None
import c
