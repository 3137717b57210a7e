NAME = "cond_target"
