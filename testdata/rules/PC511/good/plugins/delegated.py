"""A wrapper delegating its single yield to a helper generator."""

from demo_host import hookimpl


def _around():
    result = yield
    return result


@hookimpl(wrapper=True)
def demo_handle(request):
    return (yield from _around())
