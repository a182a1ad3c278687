"""The legacy name's own module (a plugin of its own object)."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
