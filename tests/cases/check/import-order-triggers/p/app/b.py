from app import helpers
import json
