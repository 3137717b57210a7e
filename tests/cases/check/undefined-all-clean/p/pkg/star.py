from json import *
__all__ = ['dumps', 'loads']
