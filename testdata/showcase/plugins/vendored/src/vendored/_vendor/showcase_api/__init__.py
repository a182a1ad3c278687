"""The showcase's shared plugin API: the one package host and plugins both import.

A plugin module exports ``new() -> Plugin`` (a :data:`Factory`) and, optionally, a versioned
``register_v2(registry)`` / ``register_v1(registry)`` hook (a :data:`Register`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

API_VERSION = "2.1"
"""The API version; a plugin may state the one it was written for as ``API_VERSION``."""


class ConfigError(ValueError):
    """Raised by :meth:`Plugin.init` when the configuration is unusable."""


@runtime_checkable
class Plugin(Protocol):
    """The lifecycle every plugin object implements (Go's Init / Run / Shutdown)."""

    def init(self, config: Mapping[str, str]) -> None:
        """Validate and take the configuration; raise :class:`ConfigError` if unusable."""

    def run(self) -> None:
        """Do the plugin's work and return."""

    def shutdown(self, timeout: float) -> None:
        """Release everything within ``timeout`` seconds; calling it twice is harmless."""


Factory = Callable[[], Plugin]
"""``new()``: builds a fresh, not yet initialised plugin."""


class Registry:
    """Where plugins register named factories (Go's ``Register(Registry)``)."""

    def __init__(self) -> None:
        self._factories: dict[str, Factory] = {}

    def add(self, name: str, factory: Factory) -> None:
        if name in self._factories:
            raise ValueError(f"plugin {name!r} registered twice")
        self._factories[name] = factory

    def names(self) -> list[str]:
        return sorted(self._factories)

    def get(self, name: str) -> Factory:
        return self._factories[name]


Register = Callable[[Registry], None]
"""``register_v2(registry)``: adds the plugin's factories to the host's registry."""

__all__ = ["API_VERSION", "ConfigError", "Factory", "Plugin", "Register", "Registry"]
