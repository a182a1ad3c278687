"""Wrappers that raise on every call, after the other hookimpls ran."""

from demo_host import hookimpl


@hookimpl(hookwrapper=True)
def demo_startup(config):
    outcome = yield
    outcome.force_exception(RuntimeError("vetoed"))  # expect: PC525


@hookimpl(wrapper=True)
def demo_handle(request, context):
    yield
    raise RuntimeError("no answer")  # expect: PC525
