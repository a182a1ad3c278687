"""Registers fine; every call of demo_startup raises TypeError."""

from demo_host import hookimpl


@hookimpl
def demo_startup(*, config):  # expect: PC507
    return None
