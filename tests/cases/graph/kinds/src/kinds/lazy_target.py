NAME = "lazy_target"
