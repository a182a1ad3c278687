"""Only the 32-bit hookimpl asks for an argument the hookspec lacks; the host is 64-bit."""

import sys

from demo_host import hookimpl

if sys.maxsize > 2**32:

    @hookimpl
    def demo_handle(request, context):
        return None

else:

    @hookimpl
    def demo_handle(request, ctx):
        return None
