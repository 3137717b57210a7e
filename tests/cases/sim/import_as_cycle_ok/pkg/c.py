import pkg.b as q
