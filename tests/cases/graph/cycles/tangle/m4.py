import tangle.m2
import tangle.m5
