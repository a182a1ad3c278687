"""A version gate on the installed pluggy (its __version__ is served by pluggy's module
__getattr__, which source does not evaluate): the test has one value in the target
environment, so its other branch is another host's, not an alternative of this one."""

import pluggy

from demo_host import hookimpl

PLUGGY = tuple(int(part) for part in pluggy.__version__.split(".")[:2])

if PLUGGY < (1, 0):

    @hookimpl
    def demo_startup(config, verbose):
        return None

else:

    @hookimpl
    def demo_startup(config):
        return None
