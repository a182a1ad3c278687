"""A well-behaved plugin: a factory, a versioned register hook, a complete lifecycle."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin, Registry

API_VERSION = "2.1"


class Greeter:
    def __init__(self) -> None:
        self._greeting = ""
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not isinstance(greeting, str) or not greeting:
            raise ConfigError("greeting must be a non-empty string")
        self._greeting = greeting

    def run(self) -> None:
        self.lines.append(f"{self._greeting}, world")

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> Plugin:
    return Greeter()


def register_v2(registry: Registry) -> None:
    registry.add("greeter", new)


__all__ = ["API_VERSION", "new", "register_v2"]
