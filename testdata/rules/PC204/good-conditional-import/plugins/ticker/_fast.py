"""The fast implementation."""

from __future__ import annotations

import json
from collections.abc import Mapping


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = json.dumps(config.get("greeting", ""))

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0
