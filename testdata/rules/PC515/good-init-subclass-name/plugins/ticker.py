"""A class named as the hook wants, and a hook that may rename the class before its check."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

REGISTRY: list[type] = []


def _register(cls: type) -> None:
    REGISTRY.append(cls)
    cls.__name__ = "Ticker"


class _Tagged:
    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("Tag"):
            raise TypeError(f"{cls.__name__}: plugin classes are named Tag*")


class _Renamed:
    def __init_subclass__(cls, **kwargs: object) -> None:
        _register(cls)  # a call may rename the class
        if cls.__name__ != "Ticker":
            raise TypeError("plugin classes are named Ticker")


class TagTicker(_Tagged):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


class Ticker(_Renamed):
    run = TagTicker.run


class Other(_Renamed):
    pass


def new() -> Plugin:
    return TagTicker()
