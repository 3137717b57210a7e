"""Small helpers with no knowledge of the shop's models."""
