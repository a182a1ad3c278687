"""Attaches docstrings to objects of the package's own modules."""


def add_newdoc(place: str, obj: str, doc: str) -> None:
    new = getattr(__import__(place, globals(), {}, [obj]), obj)
    new.__doc__ = doc
