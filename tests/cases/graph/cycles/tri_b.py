import tri_c
