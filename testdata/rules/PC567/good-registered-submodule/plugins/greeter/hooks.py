"""The package's hookimpls, registered by the host as a plugin of their own."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
