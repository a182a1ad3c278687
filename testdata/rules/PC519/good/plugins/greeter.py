"""Both hooks work with what the host passes."""

from demo_host import hookimpl

CONFIG = {"greeting": "hello"}


@hookimpl
def demo_startup(config):
    return dict(config or CONFIG)["greeting"].upper()


@hookimpl
def demo_render(page):
    return f"{CONFIG['greeting']}, {page}"
