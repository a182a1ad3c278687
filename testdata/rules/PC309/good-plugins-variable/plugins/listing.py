"""Lists a helper plugin that is installed (here: the host's own hookspecs module)."""

from demo_host import hookimpl

demo_plugins = ["demo_host.hookspecs"]


@hookimpl
def demo_render(page):
    return f"{page}"
