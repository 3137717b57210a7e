"""No eager cycle: the way back is in a function body."""
import lazy_b
