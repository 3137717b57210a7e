import b
print(undefined_name_xyz)
