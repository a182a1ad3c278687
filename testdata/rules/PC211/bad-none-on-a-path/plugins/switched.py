"""new() makes the plugin only where an environment variable is set, and silences mypy's error
about the `return None` it falls back to: wherever the variable is unset (the host's own process
among them, unless someone sets it) the host gets None."""

from __future__ import annotations

import os
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
    if os.environ.get("TICKER_ENABLED"):
        return Ticker()
    return None  # type: ignore[return-value]  # expect: PC211
