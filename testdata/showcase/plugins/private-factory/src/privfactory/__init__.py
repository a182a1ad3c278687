"""Broken: the factory is private (only exported names are visible, background.md)."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


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


def _new() -> Plugin:  # expect: PC102
    return Shouter()
