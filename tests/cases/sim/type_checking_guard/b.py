import typing
if typing.TYPE_CHECKING:
    from a import Y
else:
    import c
