import pkg.other
