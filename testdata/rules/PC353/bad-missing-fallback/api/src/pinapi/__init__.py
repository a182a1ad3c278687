"""The API shared by the host and its plugins: the one package both import."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

API_VERSION = "2.1"


@runtime_checkable
class Plugin(Protocol):
    """What a plugin object does for the host."""

    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]
"""``new()``: builds a fresh plugin."""

__all__ = ["API_VERSION", "Factory", "Plugin"]
