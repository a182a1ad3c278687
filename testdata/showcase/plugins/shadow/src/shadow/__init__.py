"""Declares its own Plugin protocol instead of importing the host's (a second type, background.md)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from showcase_api import ConfigError


class Plugin(Protocol):  # expect: PC354
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


class Mirror:
    def __init__(self) -> None:
        self._greeting = ""
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self._greeting = greeting

    def run(self) -> None:
        self.lines.append(self._greeting[::-1])

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> Plugin:
    return Mirror()
