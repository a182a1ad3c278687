"""A new-style wrapper only."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):
    return (yield)
