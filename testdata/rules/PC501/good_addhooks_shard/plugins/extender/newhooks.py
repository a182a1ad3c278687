"""The extender's own hook specifications."""

from demo_host import hookspec


@hookspec
def demo_extender_ready(config):
    """Called when the extender is ready."""
