"""Top of the deep package."""
