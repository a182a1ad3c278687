"""Lists a helper plugin that is not installed: the host stops when it registers this one."""

from demo_host import hookimpl

demo_plugins = ["demo_helpers_not_installed"]  # expect: PC309


@hookimpl
def demo_render(page):
    return f"{page}"
