"""A private method reached by its mangled name, with the hookspec's arguments."""

from demo_host import hookimpl


class _Handlers:
    @hookimpl
    def __startup(self, config):
        return None


demo_startup = _Handlers()._Handlers__startup
