"""A classmethod at module level: pluggy 1.7 binds it to the module's type, as getattr() on a
class would, so `cls` is bound and the hook passes the rest."""

from demo_host import hookimpl


@hookimpl
@classmethod
def demo_startup(cls, config):
    return None
