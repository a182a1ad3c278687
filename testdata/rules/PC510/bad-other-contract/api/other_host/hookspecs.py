"""Hook specifications of the other host."""

from other_host import hookspec


@hookspec
def other_startup(config):
    """Called once when the other host starts."""
