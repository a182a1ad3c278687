"""`from . import json` binds the plugin's own json.py, not the standard library's module:
it has no dumps, and every call of the hook raises AttributeError."""

from demo_host import hookimpl

from . import json


@hookimpl
def demo_handle(request):
    return json.dumps(request)  # expect: PC546
