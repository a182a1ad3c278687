"""Only the branch the target never takes returns None."""

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


if sys.version_info < (3, 8):

    def new() -> Plugin:
        return None

else:

    def new() -> Plugin:
        return Ticker()
