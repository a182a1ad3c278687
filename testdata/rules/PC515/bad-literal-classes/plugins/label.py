"""A label formatted at import with one argument short."""

from collections.abc import Mapping

from plugapi import Plugin

LABEL = "%s-%d" % ("ticker",)  # expect: PC515


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
