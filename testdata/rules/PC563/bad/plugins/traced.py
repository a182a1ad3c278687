"""A decorator that sets __wrapped__ by hand on a wrapper taking only ``request``: pluggy reads
(request, context) through __wrapped__ and calls the wrapper with both."""

from demo_host import hookimpl


def traced(fn):
    def inner(request):
        return fn(request, {})

    inner.__wrapped__ = fn
    inner.__name__ = fn.__name__
    return inner


@hookimpl
@traced
def demo_handle(request, context):  # expect: PC563
    return f"{request}:{len(context)}"
