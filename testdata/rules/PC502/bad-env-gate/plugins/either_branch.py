"""Which hookimpl registers depends on a test source cannot decide (the logging module's
state when the plugin is imported): the host takes the `if` body, whose hookimpl asks for an
argument the spec does not pass; read with both branches run, the `else` one hid it."""

import logging

from demo_host import hookimpl

if not logging.getLogger("demo").handlers:

    @hookimpl
    def demo_handle(request, verbose):  # expect: PC502
        return None

else:

    @hookimpl
    def demo_handle(request, context):
        return None
