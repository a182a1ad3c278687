"""The hookimpl for an unset DEMO_FAST asks for an argument the hookspec does not have."""

from os import environ

from demo_host import hookimpl

FAST = environ.get("DEMO_FAST", "") == "1"

if FAST:

    @hookimpl
    def demo_handle(request, context):
        return None

else:

    @hookimpl
    def demo_handle(request, ctx):  # expect: PC502
        return None
