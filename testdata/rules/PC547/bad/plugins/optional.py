"""Uses an optional speed-up whose None fallback the target gets: the module is not installed,
and the hook reads it without a guard."""

from demo_host import hookimpl

try:
    import demo_speedups_not_installed
except ImportError:
    demo_speedups_not_installed = None


@hookimpl
def demo_handle(request, context):
    return demo_speedups_not_installed.handle(request)  # expect: PC547
