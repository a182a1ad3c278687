"""functools.wraps over a function whose parameters the hook passes."""

import functools

import demo_host


def _template(request, context):
    return request


@demo_host.hookimpl
@functools.wraps(_template)
def demo_handle(*args, **kwargs):
    return None
