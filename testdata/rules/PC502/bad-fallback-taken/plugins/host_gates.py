"""Gates on what the installed demo_host's source binds: it is version 2.1 and has a
`hookspec`, so the first branch of each `if` runs, and its hookimpl asks for an argument the
spec does not pass (the ones in `else` never register here)."""

import demo_host as host
from demo_host import hookimpl

if tuple(int(part) for part in getattr(host, "__version__", "1.0").split(".")[:2]) >= (2, 0):

    @hookimpl
    def demo_startup(config, verbose):  # expect: PC502
        return None

else:

    @hookimpl
    def demo_startup(config):
        return None


if hasattr(host, "hookspec"):

    @hookimpl
    def demo_configure(config, verbose):  # expect: PC502
        return None

else:

    @hookimpl
    def demo_configure(config):
        return None


# The same version read into a module constant first: the test reads the constant.
HOST = tuple(int(part) for part in host.__version__.split(".")[:2])

if HOST >= (2, 0):

    @hookimpl
    def demo_handle(request, verbose):  # expect: PC502
        return None

else:

    @hookimpl
    def demo_handle(request, context):
        return None
