"""A package analysed by itself: `modscope graph lib/mypkg` (no project marker)."""
from mypkg import core
