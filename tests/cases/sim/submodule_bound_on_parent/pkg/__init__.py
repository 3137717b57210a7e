import pkg.sub
VALUE = pkg.sub.X
from pkg import sub as s2
