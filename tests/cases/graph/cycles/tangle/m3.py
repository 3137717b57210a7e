import tangle.m1
import tangle.m4
