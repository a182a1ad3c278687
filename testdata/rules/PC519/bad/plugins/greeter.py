"""Registers fine; its render hook reads a key its settings never have."""

from demo_host import hookimpl

CONFIG: dict[str, str] = {}


@hookimpl
def demo_startup(config):
    return dict(config or {"greeting": "hi"})["greeting"].upper()


@hookimpl
def demo_render(page):
    greeting = CONFIG["greeting"]  # expect: PC519
    return f"{greeting}, {page}"
