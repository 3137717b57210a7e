NAME = "dyn_rel_target"
