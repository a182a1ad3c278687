"""The entry point names the class: pluggy calls its methods without `self`."""

from demo_host import hookimpl


class Plugin:
    @hookimpl
    def demo_startup(self, config):  # expect: PC513
        return None

    @staticmethod
    @hookimpl
    def demo_handle(request):
        return None
