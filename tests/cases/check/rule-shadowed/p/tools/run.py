import string
import csv

if __name__ == "__main__":
    pass
