"""sys.path.append("lib") (relative to the current directory): an import
before the append fails, after it succeeds; a module of the current
directory still wins over lib/'s module of the same name."""
import sys

try:
    import late
except ImportError:
    late = None

sys.path.append("lib")

import late
import mod
