"""A hookimpl under a contextlib.contextmanager of the plugin's own whose exit always raises:
every call runs under `with _timed():`, and the code after its yield raises."""

import contextlib

from demo_host import hookimpl


@contextlib.contextmanager
def _timed():
    yield
    raise RuntimeError("left open")


@hookimpl
@_timed()  # expect: PC546
def demo_handle(request):
    return None
