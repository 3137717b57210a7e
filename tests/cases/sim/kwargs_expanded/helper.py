from kw import LATER
