"""run is bound to the builtin len: no method, so the host's run() calls len() with nothing."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    run = len  # expect: PC204

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
