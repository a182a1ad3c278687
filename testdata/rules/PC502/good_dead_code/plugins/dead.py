"""Only the live definitions reach pluggy: the others would be rejected."""

import sys
from typing import TYPE_CHECKING

from demo_host import hookimpl

if sys.version_info >= (3, 8):

    @hookimpl
    def demo_handle(request):
        return None

else:

    @hookimpl
    def demo_handle(request, session):
        return None


if TYPE_CHECKING:

    @hookimpl
    def demo_startup(config, verbose):
        return None


@hookimpl
def demo_render(page, theme):
    return None


del demo_render

if sys.version_info[:2] < (3, 0) or sys.platform == "no-such-platform":

    @hookimpl
    def demo_configure(config, legacy):
        return None
