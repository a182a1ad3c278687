"""Puts a SimpleNamespace in its own place: the host registers the namespace, whose attribute
``impl`` is the hookimpl, so pluggy reads the hook name ``impl``, which has no hookspec."""

import sys
import types

from demo_host import hookimpl


@hookimpl
def _startup(config):  # expect: PC501
    return None


sys.modules[__name__] = types.SimpleNamespace(impl=_startup)  # plugcheck: ignore[PC353]
