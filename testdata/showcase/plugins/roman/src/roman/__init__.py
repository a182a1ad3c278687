"""Fine, with a suppression: it fills a small constant table at import time (PC110 would report
that call), and says so with `# plugcheck: ignore[PC110]`, so nothing is reported. Without the
comment, or with it on another line, PC110 is back; with nothing left to silence, PC901."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin, Registry

NUMERALS: dict[int, str] = {}
NUMERALS.update(enumerate("I II III IV V".split(), start=1))  # plugcheck: ignore[PC110]


class Roman:
    def __init__(self) -> None:
        self._greeting = ""
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not isinstance(greeting, str) or not greeting:
            raise ConfigError("greeting must be a non-empty string")
        self._greeting = greeting

    def run(self) -> None:
        self.lines.append(f"{self._greeting}, {NUMERALS[len(self.lines) % 5 + 1]}")

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> Plugin:
    return Roman()


def register_v2(registry: Registry) -> None:
    registry.add("roman", new)
