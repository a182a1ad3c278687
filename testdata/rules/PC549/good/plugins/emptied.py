"""A wrapper that keeps the list of results a list, empty or not."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_startup(config):
    result = yield
    return list(result or ())
