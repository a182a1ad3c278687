"""register(module) sees routines only; check_pending() skips names starting with `_`."""

from demo_host import hookimpl


class Helpers:
    """pluggy never looks inside a class of a module plugin."""

    @hookimpl
    def demo_no_such_hook(self):
        return None


@hookimpl
def _demo_private(config):
    return None


@hookimpl
def demo_startup(config):
    return None
