import b
V = b.missing
