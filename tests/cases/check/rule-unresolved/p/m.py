import os
import nosuch_a
import nosuch_b  # modscope: ignore[unresolved-import]
try:
    import nosuch_c
except ImportError:
    nosuch_c = None
if False:
    import nosuch_d
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import nosuch_e


def f():
    import nosuch_f


import os.nosuch_g
import xml.nosuch.deep
from xml.dom import minidom
from xml.nosuch2 import x
from . import sibling
from .nosuch_h import y
if __name__ == "__main__":
    import nosuch_i
