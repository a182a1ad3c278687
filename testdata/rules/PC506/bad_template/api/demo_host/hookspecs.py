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


class UnformattedWarning:
    """A warning whose text is filled in per use, as pytest's is."""

    def __init__(self, category, template):
        self.category, self.template = category, template

    def format(self, **kwargs):
        return self.category(self.template.format(**kwargs))


LEGACY_ARG = UnformattedWarning(DeprecationWarning, "The ({old}) argument is deprecated, use ({new})")


@hookspec(warn_on_impl_args={"path": LEGACY_ARG.format(old="path", new="file_path")})
def demo_collect(file_path, path, parent):
    """Collect one file."""
