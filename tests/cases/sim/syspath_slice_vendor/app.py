"""sys.path[:0] = [vendor]: the vendored package is found, and its circular
import fails with the vendored file in the message."""
import os
import sys

HERE = os.path.dirname(__file__)
sys.path[:0] = [os.path.join(HERE, "vendor")]

from vendored import thing
