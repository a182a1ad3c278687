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


@hookimpl(wrapper=True, specname="demo_handle")
def handle_in_a_loop(request):  # expect: PC511
    for _ in range(2):
        yield
