"""Módulo a."""
import app.b
import nosuchmod
from .. import x
