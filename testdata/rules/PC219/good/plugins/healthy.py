"""Uses each parameter as the host's type allows; a dict's own method on the Mapping works
with what the host passes (a dict)."""

from __future__ import annotations

import time
from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "").upper()
        self.keys = sorted(config)
        self.size = len(config)

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        self.half = timeout / 2
        self.steps = round(timeout)
        self.late = max(timeout, 0.0) > 1
        time.sleep(min(timeout, 0.0))


def new() -> Plugin:
    return Worker()
