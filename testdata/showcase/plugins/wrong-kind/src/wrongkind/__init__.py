"""Broken: new is an already-built object, not a factory the host can call."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError


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


new = Shouter()  # expect: PC104
