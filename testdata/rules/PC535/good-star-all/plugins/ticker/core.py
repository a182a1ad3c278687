from __future__ import annotations

import sys
from collections.abc import Mapping

__all__ = ["Ticker"] + ["_helper"]
__all__ += ("INTERVAL",)
__all__.append("LABEL")

INTERVAL = 5.0
if sys.version_info >= (3, 8):
    LABEL = "ticker"
else:
    LABEL = "old-ticker"


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def _helper() -> None:
    return None
