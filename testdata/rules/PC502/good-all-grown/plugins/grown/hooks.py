"""__all__ grown by `__all__ = __all__ + [...]` and `+=`: the draft hookimpl is in neither, so
the package's star import leaves it out and pluggy never sees its extra argument."""

from demo_host import hookimpl

__all__ = ["demo_handle"]
__all__ = __all__ + ["VERSION"]
__all__ += ["NAME"]

VERSION = "1.0"
NAME = "grown"


@hookimpl
def demo_handle(request, context):
    return None


@hookimpl
def demo_draft(request, session):
    return None
