"""A hook that reads a separator the module binds only on Windows: on the target every call
raises NameError."""

import sys

from demo_host import hookimpl

if sys.platform == "win32":
    SEPARATOR = "\\"


@hookimpl
def demo_handle(request, context):
    return SEPARATOR.join([request, ""])  # expect: PC546
