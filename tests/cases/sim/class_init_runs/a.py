class Registry:
    def __init__(self):
        import b
        self.b = b

R = Registry()
