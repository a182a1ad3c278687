"""Announces the host's start; its shipped bytecode is built from this very source."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
