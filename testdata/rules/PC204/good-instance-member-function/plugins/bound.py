"""run is bound per instance to a function taking only the instance (MethodType imported
under another name)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MethodType as bind

from plugapi import Plugin


def _run(self):  # type: ignore[no-untyped-def]
    self.ticks += 1


class Ticker:  # plugcheck: ignore[PC207]
    def __init__(self):  # type: ignore[no-untyped-def]
        self.ticks = 0
        self.run = bind(_run, self)

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
