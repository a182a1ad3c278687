"""A private method bound under the hook's name: pluggy reads its arguments, `bogus` too."""

from demo_host import hookimpl


class _Handlers:
    @hookimpl
    def __startup(self, config, bogus):  # expect: PC502
        return None


demo_startup = _Handlers()._Handlers__startup
