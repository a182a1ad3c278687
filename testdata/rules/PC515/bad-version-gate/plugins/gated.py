"""An ImportError raised under a version test the target interpreter passes."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin

if sys.version_info < (3, 99):
    raise ImportError("gated needs Python 3.99")  # expect: PC515


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
