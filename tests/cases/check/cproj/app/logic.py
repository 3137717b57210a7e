from typing import TYPE_CHECKING

from app import helpers
from app.data import store
import urllib.request

if TYPE_CHECKING:
    import app.ui
