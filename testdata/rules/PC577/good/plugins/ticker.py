"""Forward references that work: the whole annotation quoted, a typing object on the left."""

from collections.abc import Mapping
from typing import Optional

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def peer(self) -> "Ticker | None":
        return None

    def twin(self) -> Optional["Ticker"] | None:
        return None

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
