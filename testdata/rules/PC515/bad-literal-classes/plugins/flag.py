"""A flag type derived from bool."""

from collections.abc import Mapping

from plugapi import Plugin


class Flag(bool):  # expect: PC515
    pass


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
