from c import C

D = 2
