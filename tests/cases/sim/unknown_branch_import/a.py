import os
if os.environ.get('ZZZ_UNSET'):
    import b
