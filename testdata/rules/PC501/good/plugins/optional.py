"""Implements a real hook, and another plugin's hook marked optional."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None


@hookimpl(optionalhook=True)
def demo_other_plugin_hook(item):
    return None


def demo_helper():
    """Not marked: not a hookimpl for this host."""
