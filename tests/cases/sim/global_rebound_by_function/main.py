import a
from a import X
