try:
    from a import Y
except ValueError:
    Y = None
