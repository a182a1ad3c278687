"""The entry point names an instance of the class."""

from demo_host import hookimpl


class Plugin:
    @hookimpl
    def demo_startup(self, config):
        return None


plugin = Plugin()
