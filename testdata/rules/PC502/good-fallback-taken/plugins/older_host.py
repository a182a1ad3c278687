"""Probes for a hookspec the installed demo_host does not have: the ImportError handler
always runs, and its hookimpl fits; the one in `else` (for a newer host) never registers here."""

from demo_host import hookimpl

try:
    from demo_host.hookspecs import demo_startup_async  # noqa: F401
except ImportError:

    @hookimpl
    def demo_startup(config):
        return None

else:

    @hookimpl
    def demo_startup(config, verbose):
        return None
