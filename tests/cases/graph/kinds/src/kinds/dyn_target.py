NAME = "dyn_target"
