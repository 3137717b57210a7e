import random
if random.random() < 0.5:
    import b
