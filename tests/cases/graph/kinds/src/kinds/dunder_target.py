NAME = "dunder_target"
