"""The marker applied by a call after the def: the name the module binds is marked."""

from demo_host import hookimpl


def demo_startup(config):
    return None


demo_startup = hookimpl(demo_startup)
