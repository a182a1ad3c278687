"""Two names unpacked from a three-letter string."""

from collections.abc import Mapping

from plugapi import Plugin

LOW, HIGH = "abc"  # expect: PC515


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
