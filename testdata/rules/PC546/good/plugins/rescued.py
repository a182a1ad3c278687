"""The plugin's own new-style wrapper catches what the plain hookimpl raises: pluggy throws
it in at the yield, and the wrapper's result answers the call."""

from demo_host import hookimpl


@hookimpl(specname="demo_handle")
def handle_plain(request):
    raise RuntimeError("handler not configured")


@hookimpl(wrapper=True)
def demo_handle(request):
    try:
        return (yield)
    except (LookupError, RuntimeError):
        return "fallback"
