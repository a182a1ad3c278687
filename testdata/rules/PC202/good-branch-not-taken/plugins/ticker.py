"""LEGACY is False and the platform is not Windows: new() returns a Ticker."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from plugapi import Plugin

LEGACY = False


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    if LEGACY or sys.platform == "win32":
        return object()  # type: ignore[return-value]
    if os.environ.get("TICKER_NEVER_SET"):
        return object()  # type: ignore[return-value]
    return Ticker()
