"""No eager cycle: the way back is only for the type checker."""
import tc_y
