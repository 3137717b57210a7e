from app.money import *
from .text import *
from nowhere_at_all import *
