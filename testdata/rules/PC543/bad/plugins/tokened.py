"""Reads its token from the environment at import: no host sets PLUGCHECK_DEMO_TOKEN_UNSET."""

import os

from demo_host import hookimpl

TOKEN = os.environ["PLUGCHECK_DEMO_TOKEN_UNSET"]  # expect: PC543


@hookimpl
def demo_handle(request, context):
    return TOKEN
