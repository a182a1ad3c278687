"""A helper returns the marker applied to a lambda: pluggy reads the lambda's parameters, and
keeps `self` (the lambda's __qualname__ is `_make.<locals>.<lambda>`, not a method's)."""

from demo_host import hookimpl


def _make(prefix):
    return hookimpl(lambda self, page: prefix + str(page))  # expect: PC502


demo_render = _make("> ")
