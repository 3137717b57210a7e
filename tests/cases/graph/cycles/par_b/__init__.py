import par_a
