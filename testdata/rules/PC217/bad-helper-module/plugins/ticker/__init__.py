"""The factory delegates to a helper module."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from ._build import build


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    return build(Ticker)
