import tri_a
