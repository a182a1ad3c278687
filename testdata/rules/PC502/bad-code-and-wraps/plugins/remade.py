"""demo_handle is made from _template's code: pluggy reads request, context and theme."""

import types

import demo_host


def _template(request, context, theme):  # expect: PC502
    return request


demo_handle = demo_host.hookimpl(types.FunctionType(_template.__code__, globals(), "demo_handle"))
