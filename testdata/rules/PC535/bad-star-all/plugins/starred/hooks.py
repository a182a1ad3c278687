"""__all__ grows by a misspelt name: `from .hooks import *` raises AttributeError."""

from demo_host import hookimpl

__all__ = ["demo_handle"]
__all__ += ["demo_handel"]


@hookimpl
def demo_handle(request, context):
    return None
