"""A top-level module has no parent package: its relative import fails."""

from demo_host import hookimpl

from .helpers import fmt  # expect: PC309


@hookimpl
def demo_startup(config):
    return fmt(config)
