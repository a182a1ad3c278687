"""Defers an import into the hook, and misspells the name it imports."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    from json import dumpz  # expect: PC547

    return dumpz({"request": request})
