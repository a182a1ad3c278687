"""run is the plain function _run stored on the instance: no instance is bound to its self."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def _run(self):  # type: ignore[no-untyped-def]
    self.ticks += 1


class Ticker:  # plugcheck: ignore[PC207]
    def __init__(self):  # type: ignore[no-untyped-def]
        self.ticks = 0
        self.run = _run  # expect: PC204

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
