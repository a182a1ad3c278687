"""A hook-named function only for type checkers, and the marked hook that runs."""

from typing import TYPE_CHECKING

from demo_host import hookimpl

if TYPE_CHECKING:

    def demo_configure(config): ...


@hookimpl
def demo_startup(config):
    return None
