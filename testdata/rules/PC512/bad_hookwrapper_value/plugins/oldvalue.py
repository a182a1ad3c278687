"""An old-style hookwrapper that takes what `yield` returned for the hook's result."""

from demo_host import hookimpl


@hookimpl(hookwrapper=True)
def demo_startup(config):
    results = yield
    results.append("started")  # expect: PC512
