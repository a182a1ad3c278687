"""Hookimpls bound by a loop over literal tuples and by globals().update with a literal dict:
pluggy registers both."""

from demo_host import hookimpl


def _start(config, cache):  # expect: PC502
    return None


def _handle(request, session):  # expect: PC502
    return None


for _name, _fn in (("demo_startup", _start),):  # plugcheck: ignore[PC110]
    globals()[_name] = hookimpl(_fn)

globals().update({"demo_handle": hookimpl(_handle)})  # plugcheck: ignore[PC110]
