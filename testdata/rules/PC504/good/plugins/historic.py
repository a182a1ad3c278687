"""Implements a historic hook plainly."""

from demo_host import hookimpl


@hookimpl(tryfirst=True)
def demo_configure(config):
    return None
