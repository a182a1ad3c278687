"""The fast hookimpl is wrong, but the target lacks demo_speedups: the fallback registers."""

from demo_host import hookimpl

try:
    from ._fast import demo_startup
except ImportError:

    @hookimpl
    def demo_startup(config):
        return None
