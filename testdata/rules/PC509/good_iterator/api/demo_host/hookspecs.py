"""Hook specifications of the demo host: one whose results the host iterates."""

from collections.abc import Iterator

from demo_host import hookspec


@hookspec
def demo_commands(config) -> Iterator[str]:
    """Each plugin yields the names of the commands it adds; the host iterates every result."""
