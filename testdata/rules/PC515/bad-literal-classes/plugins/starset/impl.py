"""__all__ written as a set: the star import cannot index it."""

from collections.abc import Mapping

from plugapi import Plugin

__all__ = {"new"}


class Counter:
    def init(self, config: Mapping[str, str]) -> None:
        self.seen = len(config)

    def run(self) -> None:
        self.seen += 1

    def shutdown(self, timeout: float) -> None:
        self.seen = 0


def new() -> Plugin:
    return Counter()
