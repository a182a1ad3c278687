"""The old distribution name: a plugin object of its own, which uses the new module."""

import twice as core
from demo_host import hookimpl


class _Compat:
    @hookimpl
    def demo_startup(self, config):
        return core.__name__


plugin = _Compat()
