"""Each hook takes only what the contract's stand-ins provide."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None


@hookimpl
def demo_render(page):
    return page
