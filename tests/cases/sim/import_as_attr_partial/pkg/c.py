import pkg
X = (pkg
     .b)
