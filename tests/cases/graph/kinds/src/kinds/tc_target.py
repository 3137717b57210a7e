"""Only ever imported under TYPE_CHECKING."""
NAME = "tc_target"
