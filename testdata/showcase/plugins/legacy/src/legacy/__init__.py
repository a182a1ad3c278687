"""Works, but only with the old register hook: the host falls back to register_v1 (background.md: Versions)."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin, Registry


class Shouter:
    def __init__(self) -> None:
        self._greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self._greeting = greeting

    def run(self) -> None:
        self._greeting = self._greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self._greeting = ""


def new() -> Plugin:
    return Shouter()


def register_v1(registry: Registry) -> None:  # expect: PC106
    registry.add("legacy", new)
