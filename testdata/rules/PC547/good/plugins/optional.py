"""Uses an optional speed-up only when it was imported; the None fallback is never read."""

from demo_host import hookimpl

try:
    import demo_speedups_not_installed
except ImportError:
    demo_speedups_not_installed = None


@hookimpl
def demo_handle(request, context):
    if demo_speedups_not_installed is None:
        return request
    return demo_speedups_not_installed.handle(request)
