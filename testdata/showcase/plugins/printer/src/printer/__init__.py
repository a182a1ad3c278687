"""Broken: run() prints to stdout, which belongs to the host (PC412)."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


class Announcer:
    def __init__(self) -> None:
        self._greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self._greeting = greeting

    def run(self) -> None:
        print(f"{self._greeting}, world")  # expect: PC412

    def shutdown(self, timeout: float) -> None:
        self._greeting = ""


def new() -> Plugin:
    return Announcer()
