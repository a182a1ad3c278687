"""Hookimpls that ask for arguments the hookspecs lack, but that pluggy never sees: removed
through globals() while the module is imported, defined where the target (Linux) never goes,
or marked by a marker a conditional expression leaves out."""

import platform
import sys

from demo_host import hookimpl


@hookimpl
def demo_startup(config, verbose):
    return None


globals().pop("demo_startup")  # plugcheck: ignore[PC110]


@hookimpl
def demo_handle(request, session):
    return None


del globals()["demo_handle"]

if platform.system() == "Windows":

    @hookimpl
    def demo_configure(config, registry):
        return None


impl = hookimpl if sys.version_info < (3, 8) else (lambda fn: fn)


@impl
def demo_startup(config, extra):
    return None
