import __main__
from __main__ import x
