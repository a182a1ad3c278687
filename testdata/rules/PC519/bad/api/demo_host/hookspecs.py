"""Hook specifications of the demo host."""

from demo_host import hookspec


@hookspec
def demo_startup(config):
    """Called at the start of each build (a watching host builds again on every change)."""


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


@hookspec
def demo_sections(config) -> list[str]:
    """Section names for the table of contents the host prints before each build's pages."""
