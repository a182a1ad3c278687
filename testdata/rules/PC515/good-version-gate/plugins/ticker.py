"""Version checks at import that the target interpreter passes."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin

assert sys.version_info >= (3, 8), "needs Python 3.8"

if sys.version_info < (3, 8):
    raise ImportError("ticker needs Python 3.8")


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
    return Ticker()
