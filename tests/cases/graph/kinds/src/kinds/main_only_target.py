NAME = "main_only_target"
