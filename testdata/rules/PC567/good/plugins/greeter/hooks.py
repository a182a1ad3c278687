"""The plugin's hookimpls, which the package's __init__.py imports."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
