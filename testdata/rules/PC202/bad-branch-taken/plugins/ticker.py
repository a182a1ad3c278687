"""LEGACY is True: new() returns object()."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

LEGACY = True


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    if LEGACY:
        return object()  # type: ignore[return-value]  # expect: PC202
    return Ticker()
