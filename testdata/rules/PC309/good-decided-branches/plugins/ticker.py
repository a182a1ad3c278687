"""Missing modules in branches the target (this Linux interpreter) never takes."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from plugapi import Plugin

if sys.platform.startswith(("win", "cygwin")):
    import ticker_windows_console  # noqa: F401

if os.name == "nt" or sys.version_info[:2] == (2, 7):
    import ticker_legacy  # noqa: F401

if False:
    import ticker_never  # noqa: F401


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


def export_metrics() -> None:
    import ticker_metrics_sdk  # noqa: F401  # only when called; the host never calls it
