import helper
X = 1
