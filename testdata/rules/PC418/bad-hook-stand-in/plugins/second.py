"""Another healthy plugin: a config hook and a page hook."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None


@hookimpl
def demo_render(page):
    return page
