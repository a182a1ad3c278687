"""A plugin registered under two entry-point names."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
