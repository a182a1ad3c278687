"""Creating Ticker calls Sealed.__init_subclass__, which always raises."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Sealed:
    def __init_subclass__(cls, **kwargs: object) -> None:
        raise TypeError(f"{cls.__name__}: Sealed is final")  # expect: PC515


class Ticker(Sealed):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    return Ticker()
