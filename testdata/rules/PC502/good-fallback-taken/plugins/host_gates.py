"""Gates on what the installed demo_host's source binds: it has a `hookimpl` and no
`__version__` (the default is taken), so the first branch of each `if` runs, and its
hookimpl fits; the ones in `else` (for other hosts) never register here."""

import demo_host
from demo_host import hookimpl

if tuple(map(int, getattr(demo_host, "__version__", "3.0").split("."))) >= (2, 0):

    @hookimpl
    def demo_startup(config):
        return None

else:

    @hookimpl
    def demo_startup(config, verbose):
        return None


if hasattr(demo_host, "hookimpl") and not hasattr(demo_host, "async_hookimpl"):

    @hookimpl
    def demo_configure(config):
        return None

else:

    @hookimpl
    def demo_configure(config, verbose):
        return None


# The same default read into a module constant first: the test reads the constant.
HOST = tuple(int(part) for part in getattr(demo_host, "__version__", "3.0").split(".")[:2])

if HOST >= (2, 0):

    @hookimpl
    def demo_handle(request, context):
        return None

else:

    @hookimpl
    def demo_handle(request, verbose):
        return None
