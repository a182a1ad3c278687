"""Hook specifications of the demo host; demo_setup's result is never used (``-> None``)."""

from demo_host import hookspec


@hookspec
def demo_setup(item) -> None:
    """Called before each item runs; the host ignores what it returns."""


@hookspec
def demo_render(page):
    """Render one page."""
