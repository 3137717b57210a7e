from .util import text           # relative: mypkg.util.text
import sibling_outside           # beside the package on its sys.path root: local, outside the target
