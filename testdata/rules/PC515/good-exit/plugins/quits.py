"""sys.exit() only in the main guard, and in a function the import does not call."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin


def _abort(reason: str) -> None:
    sys.exit(reason)


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


if __name__ == "__main__":
    sys.exit(0)
