import sys

if __name__ == '__main__':
    sys.path.insert(0, '.')
