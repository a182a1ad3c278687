"""Probes for a hookspec the installed demo_host does not have: the ImportError handler
always runs, and the hookimpl it defines asks for an argument the spec does not pass (the
one in `else`, for a newer host, never registers here)."""

from demo_host import hookimpl

try:
    from demo_host.hookspecs import demo_startup_async  # noqa: F401
except ImportError:

    @hookimpl
    def demo_startup(config, verbose):  # expect: PC502
        return None

else:

    @hookimpl
    def demo_startup(config):
        return None
