import sys
import os  # isort:skip
