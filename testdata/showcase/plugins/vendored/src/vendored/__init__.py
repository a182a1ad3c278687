"""Ships its own copy of the API and imports from it: its objects are not the host's Plugin (background.md)."""

from __future__ import annotations

from collections.abc import Mapping

from vendored._vendor.showcase_api import ConfigError, Plugin  # expect: PC351


class Echo:
    def __init__(self) -> None:
        self._greeting = ""
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self._greeting = greeting

    def run(self) -> None:
        self.lines.append(self._greeting)

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> Plugin:
    return Echo()
