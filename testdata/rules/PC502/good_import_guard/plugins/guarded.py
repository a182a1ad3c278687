"""A hookimpl for an optional integration that is not installed: pluggy never sees it."""

from demo_host import hookimpl

try:
    import demo_integration_not_installed  # noqa: F401
except ImportError:
    HAVE_INTEGRATION = False
else:
    HAVE_INTEGRATION = True


if HAVE_INTEGRATION:

    @hookimpl
    def demo_handle(request, integration):
        return None
