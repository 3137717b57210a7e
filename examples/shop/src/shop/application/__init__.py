"""Application layer: the shop's use cases (checkout, reports).

May use every other layer; nothing below it may import it.
"""
