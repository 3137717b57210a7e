from . import helpers
from app import helpers as h
