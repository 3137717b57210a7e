import helper
from . import helper
