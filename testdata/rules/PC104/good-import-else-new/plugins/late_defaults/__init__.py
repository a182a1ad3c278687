"""The submodule named like the factory is imported first; the def after it binds `new` to
the function again, and that is what the host finds."""

from __future__ import annotations

from collections.abc import Mapping

from .new import GREETING


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", GREETING)

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Ticker:
    return Ticker()
