"""new is the __next__ of an empty tuple's iterator: StopIteration on every call."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


new = iter(()).__next__  # expect: PC201
