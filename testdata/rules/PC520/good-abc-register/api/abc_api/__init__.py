"""The demo host's abstract base class for plugins."""

import abc


class BasePlugin(abc.ABC):
    @abc.abstractmethod
    def on_start(self) -> None:
        """Called once."""
