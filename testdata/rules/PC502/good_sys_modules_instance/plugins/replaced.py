"""The module hands out an instance in its place: only the instance's hookimpls are registered,
the module's own function below is never seen by register()."""

import sys

from demo_host import hookimpl


@hookimpl
def demo_startup(config, verbose):
    return None


class _Plugin:
    @hookimpl
    def demo_startup(self, config):
        return None


sys.modules[__name__] = _Plugin()  # plugcheck: ignore[PC353]
