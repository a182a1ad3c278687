"""Every normal ending follows exactly one yield; an exception pluggy throws in at the yield
may be handled by a return."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):
    if request.cached:
        result = yield
        return request.cached or result
    try:
        result = yield
    except KeyError:
        return None
    if result is None:
        return request.default
    return result


@hookimpl(hookwrapper=True)
def demo_startup(config):
    if not config.enabled:
        raise RuntimeError("disabled")
    outcome = yield
    outcome.get_result()
