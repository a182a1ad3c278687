"""Marked, but not Python functions: the target's pluggy binds neither, so it never checks their
arguments (no PC502 for the ones the hookspecs do not pass), and neither hook ever runs."""

import functools

from demo_host import hookimpl


class Counted:
    def __init__(self, fn):
        self.fn = fn
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.fn(*args, **kwargs)


@hookimpl
@Counted
def demo_startup(config, verbose):  # expect: PC572
    return None


@hookimpl
@functools.lru_cache(maxsize=None)
def demo_handle(request, session):  # expect: PC572
    return None
