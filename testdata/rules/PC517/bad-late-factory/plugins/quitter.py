"""The module's __getattr__ answers new; run() ends the process."""

from __future__ import annotations

import sys
from collections.abc import Mapping


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:  # expect: PC517
        sys.exit(0)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def __getattr__(name: str) -> object:
    if name == "new":
        return lambda: Worker()
    raise AttributeError(name)
