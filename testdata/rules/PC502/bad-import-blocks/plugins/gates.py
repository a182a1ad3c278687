"""Live branches spelled other ways: the target takes them."""

import sys

from demo_host import hookimpl

if sys.hexversion >= 0x03080000:

    @hookimpl
    def demo_startup(config, legacy):  # expect: PC502
        return None


if __debug__:

    @hookimpl
    def demo_render(page, checked):  # expect: PC502
        return None


match sys.platform:
    case "win32":

        @hookimpl
        def demo_configure(config):
            return None

    case _:

        @hookimpl
        def demo_configure(config, registry):  # expect: PC502
            return None
