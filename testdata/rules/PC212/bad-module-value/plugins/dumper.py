"""json is imported for the type checker only, but a module-level assignment reads it."""

from typing import TYPE_CHECKING

from demo_host import hookimpl

if TYPE_CHECKING:
    import json

_DUMP = json.dumps  # expect: PC212


@hookimpl
def demo_handle(request, context):
    return _DUMP(request)
