"""`with suppress(ImportError):` over an installed module, and over a missing one whose name
the module binds to None before the block and tests in the hook."""

from contextlib import suppress

from demo_host import hookimpl

fastjson = None
with suppress(ImportError):
    import ujson_not_installed_xyz as fastjson

with suppress(ImportError):
    import json


@hookimpl
def demo_handle(request):
    if fastjson is None:
        return json.dumps(request)
    return fastjson.dumps(request)
