NAME = "fallback_target"
