import a
try:
    Y = a.Y
except (KeyError, AttributeError) as e:
    Y = None
finally:
    import c
