"""A plugin that imports its modules in every way the host may run them."""

import os
import sys

from plugapi import Plugin

if sys.version_info >= (3, 8):
    from . import modern  # noqa: F401

if os.path.exists("/etc/quiet-fast"):  # the host's machine decides
    from . import fast  # noqa: F401

try:
    import quiet_speedups  # noqa: F401
except ImportError:
    from . import fallback  # noqa: F401

try:
    from plugapi import Plugin as _Plugin, Renamed  # noqa: F401
except ImportError:  # the installed plugapi has no Renamed: this runs
    print("quiet: an older plugapi")  # expect: PC110


class Quiet:
    from . import shapes  # noqa: F401

    def run(self) -> str:
        from . import later

        return later.TEXT


for _name in ("a",):  # expect: PC110
    from . import looped  # noqa: F401


def new() -> Plugin:
    from . import made  # noqa: F401

    return Quiet()


__all__ = ["new"]
