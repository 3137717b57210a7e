import os

VERSION = '1'
for name in os.listdir('.'):
    pass

def helper():
    pass
