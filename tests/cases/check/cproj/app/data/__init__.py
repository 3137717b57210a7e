__all__ = ["store"]
from app.data import store
