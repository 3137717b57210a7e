"""A script: sys.path[0] is its directory; plugins go after it."""
import os
import sys

sys.path.insert(1, os.path.join(sys.path[0], "plugins"))

import plug
