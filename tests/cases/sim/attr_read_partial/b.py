import a
Z = a.X
