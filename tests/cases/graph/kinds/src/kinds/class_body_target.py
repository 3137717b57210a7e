NAME = "class_body_target"
