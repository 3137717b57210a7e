import good
x = "abc
