"""A module __dir__ that lists its hookimpls along with its API, and a static method bound at
module level: pluggy registers both."""

from demo_host import hookimpl

__all__ = ["VERSION", "demo_startup", "demo_configure"]
VERSION = "1.0"


@hookimpl
def demo_startup(config):
    return None


class _Hooks:
    @staticmethod
    @hookimpl
    def configure(config):
        return None


demo_configure = _Hooks.configure


def __dir__():
    return __all__
