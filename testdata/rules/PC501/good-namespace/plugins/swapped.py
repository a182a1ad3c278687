"""Puts a SimpleNamespace in its own place, its attribute named after the hook: the host
registers the namespace, and pluggy reads the hook name ``demo_startup``."""

import sys
from types import SimpleNamespace

from demo_host import hookimpl


@hookimpl
def _startup(config):
    return None


sys.modules[__name__] = SimpleNamespace(demo_startup=_startup)  # plugcheck: ignore[PC353]
