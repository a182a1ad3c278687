"""Hooks exported as bound methods of an instance a factory function makes: the instance is
not passed by pluggy, so the method's own parameters after self are the hook's arguments."""

from demo_host import hookimpl


class _Plugin:
    @hookimpl
    def demo_startup(self, config):
        return None

    @hookimpl
    def demo_handle(self, request):
        return None


def make_plugin():
    return _Plugin()


_plugin = make_plugin()
demo_startup = _plugin.demo_startup
demo_handle = getattr(_plugin, "demo_handle")
