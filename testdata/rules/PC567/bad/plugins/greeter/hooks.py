"""The plugin's hookimpls, which nothing imports into the package: demo_startup never runs."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):  # expect: PC567
    return None
