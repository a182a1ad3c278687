"""Registers fine; every call raises AttributeError: the result is not a pluggy Result."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):
    outcome = yield
    return outcome.get_result()  # expect: PC512
