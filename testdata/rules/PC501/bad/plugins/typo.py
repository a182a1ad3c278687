"""Misspells a hook name: the host rejects it with 'unknown hook'."""

from demo_host import hookimpl


@hookimpl
def demo_statrup(config):  # expect: PC501
    return None
