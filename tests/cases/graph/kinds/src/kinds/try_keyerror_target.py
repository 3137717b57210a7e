NAME = "try_keyerror_target"
