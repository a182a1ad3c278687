"""A classmethod at module level is bound to the module's type, so only `cls` goes: the hook
passes no `verbose`."""

from demo_host import hookimpl


@hookimpl
@classmethod
def demo_startup(cls, config, verbose):  # expect: PC502
    return None
