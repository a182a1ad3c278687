"""Broken: does its work when imported instead of in run() (Go: a plugin has no main)."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin

print("warming up the cache")  # expect: PC110


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
