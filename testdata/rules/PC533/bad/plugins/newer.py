"""Implements a hook of a newer host: this host never calls check_pending, so it is never called."""

from demo_host import hookimpl


@hookimpl
def demo_row_actions(config):  # expect: PC533
    return None
