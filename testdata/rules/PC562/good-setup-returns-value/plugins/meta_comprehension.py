"""Metadata built by a comprehension and by dict() with every key."""

KEYS = ("version", "parallel_safe")


def setup(app):
    if app.handlers:
        return dict(version="1.0", parallel_safe=True)
    return {key: True for key in KEYS}
