"""Module constants the target does not decide: bound twice, or to a call's result."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from plugapi import Plugin

PY2 = sys.version_info[0] < 3
try:
    import ticker_speedups  # noqa: F401
except ImportError:
    PY2 = True  # a second binding: the test below is not decided

FAST = os.environ.get("TICKER_FAST") == "1"

if PY2:
    import ticker_legacy  # noqa: F401  # expect: PC309

if FAST:
    import ticker_fast  # noqa: F401  # expect: PC309


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
