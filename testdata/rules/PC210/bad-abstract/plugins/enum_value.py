"""The factory looks its enumeration's member up by a value no member has: ValueError."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from plugapi import Plugin

FAST = "fast"


class Worker(enum.Enum):
    DEFAULT = "default"
    QUIET = "quiet"

    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Worker(FAST)  # expect: PC210
