"""Clears its marker after the first hookimpl: the next `@hookimpl` calls None at import."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None


hookimpl = None


@hookimpl  # expect: PC515
def demo_render(page, context):
    return page
