"""Creating Ticker calls _Tagged.__init_subclass__, which wants classes named Tag*."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class _Tagged:
    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("Tag"):
            raise TypeError(f"{cls.__name__}: plugin classes are named Tag*")  # expect: PC515


class Ticker(_Tagged):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    return Ticker()
