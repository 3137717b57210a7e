"""A harmless cycle: names are read only inside functions."""
import fine_b


def value():
    return fine_b.Y
