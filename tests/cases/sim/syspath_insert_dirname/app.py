"""sys.path.insert(0, <dir of __file__>/lib): later imports search lib first,
so lib/colorsys.py shadows the standard library's colorsys."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))

import helper
import colorsys

VALUE = helper.VALUE + colorsys.SHADOW
