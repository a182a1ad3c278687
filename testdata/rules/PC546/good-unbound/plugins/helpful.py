"""The helper is defined after the hook; a name only one branch reads is not read on every call."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    if context == "legacy":
        return missing_only_here(request)  # noqa: F821 (not every call reaches it)
    return normalise(request)


def normalise(value):
    return str(value)
