NAME = "guarded_target"
