"""Wraps a historic hook."""

from demo_host import hookimpl


@hookimpl(hookwrapper=True)
def demo_configure(config):  # expect: PC504
    yield
