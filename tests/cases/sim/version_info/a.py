import sys
if sys.version_info >= (3, 8):
    import b
else:
    import missing_xyz
if sys.version_info[0] == 2:
    import missing_xyz
if sys.version_info < (3, 11, 0):
    import missing_xyz
if sys.version_info.major == 3 and sys.version_info.minor >= 11:
    import c
