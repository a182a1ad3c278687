"""Which hookimpl registers depends on a test source cannot decide (the logging module's
state when the plugin is imported): each branch's is one the hookspec accepts, so neither is
a finding, whichever the host takes."""

import logging

from demo_host import hookimpl

if not logging.getLogger("demo").handlers:

    @hookimpl
    def demo_startup(config):
        return None

else:

    @hookimpl
    def demo_startup():
        return None
