"""exec() binds names the model does not follow: the label is unknown."""
exec("Z = 3")
import open_b
