"""Shadows the standard library once lib/ is first on sys.path."""
SHADOW = 2
