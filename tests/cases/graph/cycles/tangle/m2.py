import tangle.m3
