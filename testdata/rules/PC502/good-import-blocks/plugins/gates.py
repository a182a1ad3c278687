"""Dead branches spelled other ways than `if sys.version_info < ...`: the target decides them."""

import sys
from typing import TYPE_CHECKING as TC

from demo_host import hookimpl

if sys.hexversion < 0x03080000:

    @hookimpl
    def demo_startup(config, legacy):
        return None


if not __debug__:

    @hookimpl
    def demo_handle(request, optimized):
        return None


if TC:

    @hookimpl
    def demo_render(page, typed):
        return None


match sys.platform:
    case "win32" | "cygwin":

        @hookimpl
        def demo_configure(config, registry):
            return None

    case _:

        @hookimpl
        def demo_configure(config):
            return None
