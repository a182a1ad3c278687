"""Creating Ticker calls _Setting.__set_name__(Ticker, "level"), which wants opt_* names."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class _Setting:
    def __set_name__(self, owner: type, name: str) -> None:
        if not name.startswith("opt_"):
            raise TypeError(f"{name}: settings are named opt_*")
        self.name = name


class Ticker:  # expect: PC515
    level = _Setting()

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    return Ticker()
