"""The factory is an object whose __call__ forgets to return the plugin."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


class _Factory:
    def __init__(self) -> None:
        self.made = 0

    def __call__(self) -> Ticker:
        self.made += 1
        return None  # type: ignore[return-value]  # expect: PC211


new = _Factory()
