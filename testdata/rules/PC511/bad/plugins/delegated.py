"""Wrappers delegating their yield to a helper generator that yields twice, or never."""

from demo_host import hookimpl


def _twice():
    result = yield
    result = yield
    return result


def _never():
    return None
    yield


@hookimpl(wrapper=True)
def demo_handle(request):  # expect: PC511
    return (yield from _twice())


@hookimpl(hookwrapper=True)
def demo_startup(config):  # expect: PC511
    yield from _never()
