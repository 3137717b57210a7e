X = 2
from a import Y
