"""A module __dir__ that lists only the public API: pluggy reads dir(module), so the hookimpl
it leaves out is never registered."""

from demo_host import hookimpl

__all__ = ["VERSION"]
VERSION = "1.0"


@hookimpl
def demo_startup(config):  # expect: PC572
    return None


def __dir__():
    return __all__
