Y = 1
from b import X
