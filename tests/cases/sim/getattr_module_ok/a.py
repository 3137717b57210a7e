import m
from m import present
