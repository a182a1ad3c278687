"""Insists on a variable at import, through a name bound to os.getenv()."""

from os import getenv

import os as _os

from demo_host import hookimpl

SECRET = _os.getenv("PLUGCHECK_DEMO_SECRET_UNSET")
assert SECRET, "set PLUGCHECK_DEMO_SECRET_UNSET"  # expect: PC543


@hookimpl
def demo_handle(request, context):
    return getenv("PLUGCHECK_DEMO_SECRET_UNSET")
