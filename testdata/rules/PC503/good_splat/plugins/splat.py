"""Marker options splatted from a dict on functions that fit them."""

from demo_host import hookimpl


@hookimpl(**{"wrapper": True, "tryfirst": True})
def demo_handle(request):
    result = yield
    return result


@hookimpl(**dict(trylast=True))
def demo_startup(config):
    return None
