"""new is set by setattr(); shutdown takes its timeout only by keyword."""

from __future__ import annotations

import sys
from collections.abc import Mapping


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, *, timeout: float) -> None:  # expect: PC204
        self.greeting = ""


setattr(sys.modules[__name__], "new", lambda: Worker())  # plugcheck: ignore[PC110] (the binding is the case)
