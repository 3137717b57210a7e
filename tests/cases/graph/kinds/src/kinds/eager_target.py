NAME = "eager_target"
