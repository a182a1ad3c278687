"""The hookimpls are methods of an enumeration's member (an instance of `_Hooks`, whose plain
enumeration base is the plugin's own): register() binds `self` and sees the hooks' own
parameters; a lambda in the body is a method, not a member."""

from enum import IntEnum

from demo_host import hookimpl


class _Base(IntEnum):
    pass


class _Hooks(_Base):
    ONLY = 1
    configure = hookimpl(lambda self, config: None)

    @hookimpl
    def demo_handle(self, request, context):
        return None


demo_handle = _Hooks.ONLY.demo_handle
demo_configure = _Hooks.ONLY.configure
