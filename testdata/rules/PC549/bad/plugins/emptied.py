"""A wrapper that turns "no results" into None: the host iterating the results gets None."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_startup(config):
    result = yield
    return result or None  # expect: PC549
