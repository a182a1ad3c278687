"""The demo host's base class for plugins."""

from typing import Generic, TypeVar

C = TypeVar("C")


class BasePlugin(Generic[C]):
    config: C | None = None

    def on_start(self) -> None:
        """Called once."""
