"""Adds its own hook through the addhooks hook, reaching add_hookspecs indirectly."""

from demo_host import hookimpl


@hookimpl
def demo_addhooks(pluginmanager):
    from . import newhooks

    method = getattr(pluginmanager, "add_hookspecs", None)
    method(newhooks)


@hookimpl
def demo_extender_ready(config):
    return None
