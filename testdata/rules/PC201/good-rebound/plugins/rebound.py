"""`new` is None until the def below rebinds it, and `make` is rebound from None to a class:
mypy types both by their first binding, Python keeps the later ones, which fit Factory."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

new = None
Made = None


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


Made = Ticker


def new() -> Plugin:  # type: ignore[no-redef]
    return Made()
