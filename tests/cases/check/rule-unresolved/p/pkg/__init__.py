from . import here
from .nosuch_j import z
