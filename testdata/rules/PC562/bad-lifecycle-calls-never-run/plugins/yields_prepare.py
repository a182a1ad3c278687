"""prepare() yields: the host's call gets a generator, and the set-up never happens."""

from __future__ import annotations

from stagehost import Stage


class Plugin(Stage):
    def prepare(self) -> None:  # expect: PC562
        self.ready = True
        yield  # type: ignore[misc]  # the mistake this case shows

    def process(self, items: list[str]) -> list[str]:
        return [item.upper() for item in items]
