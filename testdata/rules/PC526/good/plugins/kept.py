"""Wrappers that keep a list for hooks without firstresult; None is an answer for firstresult."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_render(page):
    result = yield
    return list(result)


@hookimpl(hookwrapper=True)
def demo_startup(config):
    outcome = yield
    outcome.force_result([])


@hookimpl(wrapper=True)
def demo_handle(request, context):
    yield
    return None
