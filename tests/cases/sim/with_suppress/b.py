from contextlib import suppress
with suppress(ImportError):
    from a import Y
import c
