"""run is bound per instance by types.MethodType to a function that also wants an item."""

from __future__ import annotations

import types
from collections.abc import Mapping

from plugapi import Plugin


def _run(self, item):  # type: ignore[no-untyped-def]
    self.ticks += 1


class Ticker:  # plugcheck: ignore[PC207]
    def __init__(self):  # type: ignore[no-untyped-def]
        self.ticks = 0
        self.run = types.MethodType(_run, self)  # expect: PC204

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
