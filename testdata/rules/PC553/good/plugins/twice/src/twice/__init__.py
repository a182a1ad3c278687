"""The plugin, under its own entry point."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
