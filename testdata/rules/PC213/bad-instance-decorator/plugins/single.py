"""The class decorator leaves an instance under the class's name: `new` returns that instance,
a plugin. mypy does not apply class decorators and reads `new` as returning the class."""

from __future__ import annotations

from collections.abc import Mapping


def single(cls):
    return cls()


@single
class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


new = lambda: Ticker  # noqa: E731  # expect: PC213
