from app.state import counter, mode
from .state import counter as c
