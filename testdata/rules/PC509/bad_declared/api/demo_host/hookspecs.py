"""Hook specifications of the demo host, with the results they return."""

from typing import Optional

from demo_host import hookspec


@hookspec
def demo_startup(config) -> None:
    """Called once when the host starts; its result is not used."""


@hookspec(firstresult=True)
def demo_handle(request) -> "Optional[str]":
    """The first non-None result is the answer's text."""
