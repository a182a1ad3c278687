"""The replacement hook, and the render hook without the deprecated argument."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None


@hookimpl
def demo_render(page):
    return None
