from .sub import thing
__all__ = ['thing', 'sub', 'other', 'missing']
