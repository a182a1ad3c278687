"""A default the module gives `verbose` after the def: pluggy neither checks nor passes it."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config, verbose):
    return None


demo_startup.__defaults__ = (False,)
