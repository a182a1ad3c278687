"""Wrappers that raise only under a condition."""

from demo_host import hookimpl


@hookimpl(hookwrapper=True)
def demo_startup(config):
    outcome = yield
    if getattr(config, "strict", False) and outcome.exception is None:
        outcome.force_exception(RuntimeError("vetoed"))


@hookimpl(wrapper=True)
def demo_handle(request, context):
    result = yield
    if request == "/forbidden":
        raise PermissionError(request)
    return result
