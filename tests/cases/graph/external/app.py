"""Standard library, builtin, third-party and unresolved targets."""
import json                      # stdlib package
import os.path                   # stdlib, with a parent edge to os
import sys                       # builtin
import _imp                      # builtin
from collections import abc      # stdlib submodule
import helper                    # local
try:
    import django.utils.text     # third-party for /usr/bin/python3 (python3-django)
except ImportError:
    django = None
try:
    import no_such_module_at_all # unresolved
except ImportError:
    pass
