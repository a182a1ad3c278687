"""Generators inside the lifecycle methods, and a generator method the host never calls."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        def counts() -> Iterator[int]:
            yield from range(3)

        self.ticks = sum(counts()) + sum(x for x in self.history())

    def history(self) -> Iterator[int]:
        yield self.ticks

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
