"""Registers fine; its render hook uses a name that is defined nowhere."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return dict(config or {"greeting": "hi"})["greeting"].upper()


@hookimpl
def demo_render(page):
    greeting = CONFIG["greeting"]  # expect: PC519
    return f"{greeting}, {page}"
