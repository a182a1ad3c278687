"""new() returns None only on Windows; the target runs Linux and takes the other path."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    if sys.platform == "win32":
        return None  # type: ignore[return-value]
    return Ticker()
