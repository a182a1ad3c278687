"""Puts an unhashable SimpleNamespace in its place: pluggy registers it (and its hookimpl), and
the worker's look at what got registered must not ask for a set of plugins."""

import sys
import types

from demo_host import hookimpl


@hookimpl
def _startup(config):
    return None


sys.modules[__name__] = types.SimpleNamespace(demo_startup=_startup)  # plugcheck: ignore[PC353]
