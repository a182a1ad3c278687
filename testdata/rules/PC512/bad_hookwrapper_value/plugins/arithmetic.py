"""An old-style hookwrapper that computes with what `yield` returned as if it were the hook's
result: a pluggy Result supports no operator."""

from demo_host import hookimpl


@hookimpl(hookwrapper=True)
def demo_handle(request):
    outcome = yield
    return outcome + 1  # expect: PC512
