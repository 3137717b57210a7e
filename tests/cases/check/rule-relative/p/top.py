from .pkg import sub
