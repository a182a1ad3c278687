"""Broken: its register hook adds the same name twice, so the host's Registry raises at start-up."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin, Registry

API_VERSION = "2.1"


class Doubled:
    def __init__(self) -> None:
        self._greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self._greeting = greeting

    def run(self) -> None:
        self._greeting = self._greeting * 2

    def shutdown(self, timeout: float) -> None:
        self._greeting = ""


def new() -> Plugin:
    return Doubled()


def register_v2(registry: Registry) -> None:  # expect: PC415
    registry.add("doubled", new)
    registry.add("doubled", new)  # copied from a loop that ran once per alias


__all__ = ["API_VERSION", "new", "register_v2"]
