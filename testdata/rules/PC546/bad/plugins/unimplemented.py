"""A hook left for subclasses: pluggy registers it, and every call raises."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    """Subclasses implement this."""
    raise NotImplementedError("subclass me")  # expect: PC546
