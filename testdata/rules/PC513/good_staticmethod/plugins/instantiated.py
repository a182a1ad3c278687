"""A class decorator of the plugin's own that returns an instance: the name holds that instance,
so its method is bound and pluggy passes self."""

from demo_host import hookimpl


def _instantiate(cls):
    return cls()


@_instantiate
class plugin:  # noqa: N801 - the decorator makes it an instance
    @hookimpl
    def demo_startup(self, config):
        return None


demo_startup = plugin.demo_startup
