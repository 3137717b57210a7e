import os
if os.environ.get('ZZZ_UNSET'):
    X = 1
elif os.environ.get('ZZZ_OTHER'):
    X = 2
else:
    X = 3
