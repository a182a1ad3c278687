"""__all__ lists the factory itself, not its name: the star import refuses the item."""

from collections.abc import Mapping

from plugapi import Plugin


class Echoer:
    def init(self, config: Mapping[str, str]) -> None:
        self.words = list(config)

    def run(self) -> None:
        self.words.reverse()

    def shutdown(self, timeout: float) -> None:
        self.words = []


def new() -> Plugin:
    return Echoer()


__all__ = ["Echoer", new]
