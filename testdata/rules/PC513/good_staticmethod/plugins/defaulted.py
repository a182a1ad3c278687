"""A staticmethod whose `self` has a default: pluggy keeps it (only required names go)."""

from demo_host import hookimpl


class Hooks:
    @staticmethod
    @hookimpl
    def demo_startup(config, self=None):
        return None


demo_startup = Hooks.demo_startup
