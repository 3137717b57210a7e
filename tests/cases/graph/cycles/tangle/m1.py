import tangle.m2
