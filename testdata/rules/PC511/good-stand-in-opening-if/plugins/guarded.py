"""Skips the wrapping only when there is no context at all: the host passes {}, so it yields."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request, context):
    if context is None:
        return None
    result = yield
    return result


@hookimpl(wrapper=True)
def demo_startup(config):
    """Wraps the start-up."""
    if config == {}:
        result = yield
        return result
    return (yield)
