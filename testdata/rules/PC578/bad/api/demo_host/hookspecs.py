"""Hook specifications of the demo host."""

from demo_host import hookspec


@hookspec
def demo_startup(config):
    """Called once when the host starts."""


@hookspec(firstresult=True)
def demo_handle(request, context):
    """The first non-None result answers the request."""


@hookspec(historic=True)
def demo_configure(config):
    """Replayed for plugins registered late."""


@hookspec(warn_on_impl=DeprecationWarning("demo_legacy is deprecated, implement demo_startup"))
def demo_legacy(config):
    """Deprecated."""


@hookspec(warn_on_impl_args={"context": DeprecationWarning("`context` is deprecated, use page.ctx")})
def demo_render(page, context):
    """Render one page."""
