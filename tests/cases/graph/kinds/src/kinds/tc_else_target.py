NAME = "tc_else_target"
