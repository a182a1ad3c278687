"""A default the module takes away after the def: pluggy reads `verbose` as a hook argument."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config, verbose=False):  # expect: PC502
    return None


demo_startup.__defaults__ = None
