from m import *
print(pub)
print(_priv)
