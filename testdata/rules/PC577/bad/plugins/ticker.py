"""A ticker that names itself before its class exists, without the future import."""

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def peer(self) -> "Ticker" | None:  # expect: PC577
        return None

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
