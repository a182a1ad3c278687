"""One of the package's hook modules."""

from demo_host import hookimpl


@hookimpl
def demo_render(page, context):
    return str(page)
