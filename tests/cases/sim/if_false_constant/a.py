if False:
    import missing_xyz
if not True:
    import missing_xyz
if None:
    import missing_xyz
elif 0:
    pass
else:
    import b
