"""Answers requests with the standard library."""

import json

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    return json.dumps(request)
