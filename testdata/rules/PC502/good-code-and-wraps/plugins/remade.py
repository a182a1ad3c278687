"""Made from code whose parameters fit, or whose extra parameter gets a default."""

import types

import demo_host


def _template(request, context):
    return request


def _themed(config, theme):
    return config


demo_handle = demo_host.hookimpl(types.FunctionType(_template.__code__, globals(), "demo_handle"))
demo_startup = demo_host.hookimpl(
    types.FunctionType(_themed.__code__, globals(), "demo_startup", (None,))
)
