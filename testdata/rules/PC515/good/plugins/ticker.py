"""Raises only where the import does not certainly reach: branches, guards, functions."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from plugapi import Plugin

LEVELS = {"low": 0, "high": 2}
LEVEL = LEVELS.get("medium", 1)
if os.environ.get("TICKER_STRICT"):
    LEVEL = {}["strict"]  # type: ignore[misc]  # opt-in: only when asked for
if sys.version_info < (3, 8):
    raise RuntimeError("ticker needs Python 3.8")
try:
    FIRST = ()[0]
except IndexError:
    FIRST = None


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = LEVEL

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        if timeout < 0:
            raise ValueError(timeout)
        self.ticks = 0


def new() -> Plugin:
    return Ticker()


if __name__ == "__main__":
    raise SystemExit(1)
