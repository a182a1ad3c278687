"""Marker options splatted from a dict: pluggy reads them as if spelled out."""

from demo_host import hookimpl

OPTIONS = {"tryfirst": True}


@hookimpl(**{"wrapper": True})
def demo_handle(request):  # expect: PC503
    return None


@hookimpl(**dict(hookwrapper=True), **OPTIONS)
def demo_startup(config):  # expect: PC503
    return None
