"""A raise at module level under a condition the model cannot evaluate
checks the environment and may well run (here it does: the library is
missing), so the outcome is unknown, not the circular import after it."""
import ctypes.util

lib_path = ctypes.util.find_library("surely_not_installed_xyz")
if lib_path is None:
    raise RuntimeError("Could not find the library")

from env import LATER

LATER = 1
