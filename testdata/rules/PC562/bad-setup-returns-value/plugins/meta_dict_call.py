"""Metadata built by dict() with keywords, one key short."""


def setup(app):  # expect: PC562
    if app.handlers:
        return dict(version="1.0")
    return dict(parallel_safe=True)
