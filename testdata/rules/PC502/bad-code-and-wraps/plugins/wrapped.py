"""functools.wraps(_template) on the hookimpl: pluggy reads _template's parameters."""

import functools

import demo_host


def _template(request, context, theme):  # expect: PC502
    return request


@demo_host.hookimpl
@functools.wraps(_template)
def demo_handle(*args, **kwargs):
    return None
