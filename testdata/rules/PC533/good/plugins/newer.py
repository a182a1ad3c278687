"""Implements only hooks this host defines: every one of them runs."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
