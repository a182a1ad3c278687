"""Implements a hook of a newer host beside one this host has: this host never calls
check_pending, so the newer one is never called; the other runs."""

from demo_host import hookimpl


@hookimpl
def demo_row_actions(config):  # expect: PC533
    return None


@hookimpl
def demo_startup(config):
    return None
