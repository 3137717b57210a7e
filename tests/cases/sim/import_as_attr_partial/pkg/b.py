import pkg.c
