"""The implementation asks for an argument the hookspec does not have."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request, ctx):  # expect: PC502
    return None
