"""The entry point names the class; its hookimpls do not expect `self`."""

from demo_host import hookimpl


class Plugin:
    @staticmethod
    @hookimpl
    def demo_handle(request):
        return None

    @hookimpl
    def demo_startup(config):  # a plain function in the class body: called with config
        return None
