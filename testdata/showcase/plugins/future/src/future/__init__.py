"""Broken: written against an API the host does not have yet (only register_v3)."""

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


def register_v3(registry: Registry) -> None:  # expect: PC107
    registry.add("future", new)
