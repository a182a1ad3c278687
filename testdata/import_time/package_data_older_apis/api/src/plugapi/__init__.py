"""The API shared by the host and its plugins: the one package both import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    """What a plugin object does for the host."""

    def run(self) -> str: ...


Factory = Callable[[], Plugin]
"""``new()``: builds a fresh plugin."""


class Registry:
    """Where a plugin's ``register_v2(registry)`` adds its factories."""

    def __init__(self) -> None:
        self.factories: dict[str, Factory] = {}

    def add(self, name: str, factory: Factory) -> None:
        self.factories[name] = factory


Register = Callable[[Registry], None]
"""``register_v2(registry)``: adds the plugin's factories to the host's registry."""

__all__ = ["Factory", "Plugin", "Register", "Registry"]
