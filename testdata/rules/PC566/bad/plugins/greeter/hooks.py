"""The plugin's hookimpls, in a module of a folder with no __init__.py: the host registers the
namespace package greeter, which holds none of them, so demo_startup never runs."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):  # expect: PC566
    return None
