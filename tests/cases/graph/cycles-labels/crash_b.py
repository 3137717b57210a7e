import crash_a

V = crash_a.X
