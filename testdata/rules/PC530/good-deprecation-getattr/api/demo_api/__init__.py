"""The demo host's base class for plugins, and the names it still answers with a warning."""

import typing as t
import warnings

_MOVED = {"OldBase": "BasePlugin", "old_helper": "helper"}


class BasePlugin:
    def on_start(self) -> None:
        """Called once."""


def helper() -> None:
    pass


if not t.TYPE_CHECKING:

    def __getattr__(name: str) -> t.Any:
        if name == "__version__":
            warnings.warn("use importlib.metadata", DeprecationWarning, stacklevel=2)
            return "2.0"
        if name in _MOVED:
            warnings.warn(f"{name} is {_MOVED[name]} now", DeprecationWarning, stacklevel=2)
            return globals()[_MOVED[name]]

        raise AttributeError(name)
