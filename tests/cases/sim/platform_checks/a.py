import sys, os
if sys.platform.startswith('win'):
    import missing_xyz
elif sys.platform == 'linux':
    import b
if os.name == 'nt':
    import missing_xyz
