from typing import TYPE_CHECKING
import b
if TYPE_CHECKING:
    from b import Z
Y = 1
