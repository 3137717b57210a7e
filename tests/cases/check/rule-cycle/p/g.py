def h():
    import a
