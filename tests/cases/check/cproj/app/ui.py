import app.logic
from app.data import store
from app.data import _impl
from app.data._impl import Y
