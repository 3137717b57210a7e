import ns.mod
from ns import mod as m2
