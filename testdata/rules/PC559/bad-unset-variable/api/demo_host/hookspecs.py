"""Hook specifications of the demo host."""

from demo_host import hookspec


@hookspec(firstresult=True)
def demo_handle(request, context):
    """The first non-None result answers the request."""
