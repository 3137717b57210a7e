try:
    from a import Y
except Exception:
    import c
else:
    import d
