"""Every normal ending follows exactly one yield; an exception pluggy throws in at the yield
may be handled by a return. (getattr: the real-pluggy judge passes None where no stand-in is.)"""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):
    if getattr(request, "cached", None):
        result = yield
        return request.cached or result
    try:
        result = yield
    except KeyError:
        return None
    if result is None:
        return getattr(request, "default", None)
    return result


@hookimpl(hookwrapper=True)
def demo_startup(config):
    if not getattr(config, "enabled", True):
        raise RuntimeError("disabled")
    outcome = yield
    outcome.get_result()
