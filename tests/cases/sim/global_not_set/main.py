import a
from a import Y
