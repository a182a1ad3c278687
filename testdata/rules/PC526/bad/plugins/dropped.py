"""Wrappers of hooks without firstresult that hand the host None instead of the results."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_render(page):
    yield
    return None  # expect: PC526


@hookimpl(hookwrapper=True)
def demo_startup(config):
    outcome = yield
    outcome.force_result(None)  # expect: PC526
