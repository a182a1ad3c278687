"""A module attribute holding a plain method of a class."""

from demo_host import hookimpl


class _Impl:
    @hookimpl
    def demo_startup(self, config):  # expect: PC513
        return None


demo_startup = _Impl.demo_startup
