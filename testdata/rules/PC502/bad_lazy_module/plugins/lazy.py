"""A lazy-module idiom: the object in sys.modules carries the module's own names."""

import sys
import types

from demo_host import hookimpl


@hookimpl
def demo_startup(config, verbose):  # expect: PC502
    return None


class _Lazy(types.ModuleType):
    """Attributes are looked up in the instance's __dict__, filled from the module's."""


_mod = _Lazy(__name__)
_mod.__dict__.update(globals())  # plugcheck: ignore[PC110]
sys.modules[__name__] = _mod  # plugcheck: ignore[PC353]
