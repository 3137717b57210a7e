from pkg import *
V = sub.X
