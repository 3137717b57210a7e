import mylib

mylib.connect()
