"""The package imports its subpackage's module, which climbs one level too many."""

from demo_host import hookimpl

from .sub.impl import fmt


@hookimpl
def demo_startup(config):
    return fmt(config)
