"""new() yields the plugin (a fixture habit): the host gets a generator."""

from __future__ import annotations

from collections.abc import Iterator, Mapping


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Iterator[Ticker]:  # expect: PC211
    plugin = Ticker()
    yield plugin
    plugin.shutdown(0)
