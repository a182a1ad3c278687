"""Still asks for the legacy `path` argument."""

from demo_host import hookimpl


@hookimpl
def demo_collect(path, parent):  # expect: PC506
    return None
