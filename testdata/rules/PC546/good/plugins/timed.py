"""Hookimpls under contextlib.contextmanager decorators of the plugin's own whose exits do not
always raise: one cleans up, one raises only under a condition."""

from contextlib import contextmanager

from demo_host import hookimpl

_OPEN = []


@contextmanager
def _timed():
    _OPEN.append(1)
    yield
    _OPEN.pop()


@contextmanager
def _checked():
    yield
    if len(_OPEN) > 10:
        raise RuntimeError("left open")


@hookimpl
@_timed()
def demo_handle(request):
    return None


@hookimpl
@_checked()
def demo_startup(config):
    return None
