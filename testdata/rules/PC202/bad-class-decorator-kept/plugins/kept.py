"""The class decorator returns the class untouched: `new` returns the class, not a plugin."""

from __future__ import annotations

from collections.abc import Mapping

REGISTRY = []


def registered(cls):
    REGISTRY.append(cls)
    return cls


@registered
class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


new = lambda: Ticker  # noqa: E731  # expect: PC202
