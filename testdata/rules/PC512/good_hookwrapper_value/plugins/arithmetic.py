"""An old-style hookwrapper that computes with the result the Result holds."""

from demo_host import hookimpl


@hookimpl(hookwrapper=True)
def demo_handle(request):
    outcome = yield
    answer = outcome.get_result()
    if answer is not None:
        outcome.force_result(answer + 1)
