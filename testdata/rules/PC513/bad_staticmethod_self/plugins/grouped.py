"""Hooks grouped in a namespace class, one a staticmethod that kept its `self`."""

from demo_host import hookimpl


class Hooks:
    @staticmethod
    @hookimpl
    def demo_startup(self, config):  # expect: PC513
        return None


demo_startup = Hooks.demo_startup
