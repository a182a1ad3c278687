"""Hooks exported as bound methods of an instance a factory function makes."""

from demo_host import hookimpl


class _Plugin:
    @hookimpl
    def demo_startup(self, config, verbose):  # expect: PC502
        return None

    @hookimpl
    def demo_handle(self, request, session):  # expect: PC502
        return None


def make_plugin():
    return _Plugin()


_plugin = make_plugin()
demo_startup = _plugin.demo_startup
demo_handle = getattr(_plugin, "demo_handle")
