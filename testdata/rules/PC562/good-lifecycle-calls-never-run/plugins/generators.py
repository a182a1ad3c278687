"""process() yields (the host iterates it); cleanup() yields where the host's base declares no
result."""

from __future__ import annotations

from collections.abc import Iterator

from stagehost import Stage


class Plugin(Stage):
    def prepare(self) -> None:
        self.ready = True

    def process(self, items: list[str]) -> Iterator[str]:
        for item in items:
            yield item.upper()

    def cleanup(self) -> Iterator[str]:
        yield self.name
