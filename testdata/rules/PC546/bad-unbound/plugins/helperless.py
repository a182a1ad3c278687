"""A hook that reads a helper the module never defines: every call raises NameError."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    return normalise(request)  # expect: PC546
