import tri_b
