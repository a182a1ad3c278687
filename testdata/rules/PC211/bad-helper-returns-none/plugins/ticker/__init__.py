"""new() returns make(Ticker), and make() returns None."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from ._factory import make


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    return make(Ticker)
