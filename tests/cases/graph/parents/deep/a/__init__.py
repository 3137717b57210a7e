from . import helper             # relative, level 1 in a package: deep.a.helper
