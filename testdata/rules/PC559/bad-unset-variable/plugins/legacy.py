"""The refused hookimpl is defined only when DEMO_LEGACY is set, which it is not in the host's
run (it passes its plugins no such variable): PC559 names it for the machines that set it, and
no PC502 says the host refuses the plugin."""

import os

from demo_host import hookimpl

if os.getenv("DEMO_LEGACY") is not None:

    @hookimpl
    def demo_handle(request, ctx):  # expect: PC559
        return None

else:

    @hookimpl
    def demo_handle(request, context):
        return None
