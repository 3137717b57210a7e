def back():
    import lazy_a
    return lazy_a
