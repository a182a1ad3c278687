"""Registers fine (both are generators); every call raises RuntimeError."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):  # expect: PC511
    first = yield
    second = yield
    return second or first


@hookimpl(hookwrapper=True)
def demo_startup(config):  # expect: PC511
    return
    yield
