import tangle.m1
import tangle.m3
import tangle.m1  # twice: a cut pair lists both imports
