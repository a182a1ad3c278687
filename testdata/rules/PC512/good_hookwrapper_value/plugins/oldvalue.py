"""Old-style hookwrappers that use the Result's own members, or rebind the name first."""

from demo_host import hookimpl


@hookimpl(hookwrapper=True)
def demo_startup(config):
    outcome = yield
    if outcome.exception is None:
        outcome.force_result(outcome.get_result())


@hookimpl(hookwrapper=True)
def demo_handle(request):
    result = yield
    result = result.get_result()
    return result
