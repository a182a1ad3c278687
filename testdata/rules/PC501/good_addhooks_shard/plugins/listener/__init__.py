"""Implements the hook the extender adds: another plugin, in another shard."""

from demo_host import hookimpl


@hookimpl
def demo_extender_ready(config):
    return None
