import sys

first = sys.path[0]
print_it = list(sys.path)
