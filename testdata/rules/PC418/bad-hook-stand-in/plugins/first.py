"""A healthy plugin: its hook takes the config the host passes."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
