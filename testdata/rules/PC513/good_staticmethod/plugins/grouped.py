"""Hooks grouped in a namespace class: a staticmethod and a classmethod, exported."""

from demo_host import hookimpl


class Hooks:
    @staticmethod
    @hookimpl
    def demo_startup(config):
        return None

    @classmethod
    @hookimpl
    def demo_configure(cls, config):
        return None


demo_startup = Hooks.demo_startup
demo_configure = Hooks.demo_configure
