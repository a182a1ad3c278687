"""A hookimpl with a fallback: the target lacks demo_speedups, so the fallback is registered."""

from demo_host import hookimpl

try:
    from ._fast import demo_startup
except ImportError:

    @hookimpl
    def demo_startup(config, verbose):  # expect: PC502
        return None
