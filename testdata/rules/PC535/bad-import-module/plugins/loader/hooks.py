"""The implementation."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    return None
