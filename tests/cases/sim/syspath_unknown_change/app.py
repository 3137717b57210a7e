"""An entry the model cannot compute: sys.path changes in a way it does
not know, so what the next import finds is unknown."""
import sys

sys.path.insert(0, sys.argv[0] + "_lib")

import b
