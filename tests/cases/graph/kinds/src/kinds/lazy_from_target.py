NAME = "lazy_from_target"
