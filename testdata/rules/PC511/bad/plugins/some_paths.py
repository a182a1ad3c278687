"""Registers fine and works on most requests; a call down the other path raises RuntimeError."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):  # expect: PC511
    if request.cached:
        return request.cached
    result = yield
    return result


@hookimpl(hookwrapper=True)
def demo_startup(config):  # expect: PC511
    if config.enabled:
        outcome = yield
        outcome.get_result()


@hookimpl(wrapper=True, specname="demo_handle")
def retry(request):  # expect: PC511
    result = yield
    if result is None and request.retry:
        result = yield
    return result
