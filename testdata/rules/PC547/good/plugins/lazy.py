"""Defers imports into the hook: names the modules have, or a guarded optional one."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    from json import dumps
    from os import path as _path

    if request:
        from json import dumpz  # noqa: F401  # never reached for the host's None
    try:
        from json import loadz  # noqa: F401
    except ImportError:
        pass
    return dumps({"request": request, "here": _path.basename(__file__)})
