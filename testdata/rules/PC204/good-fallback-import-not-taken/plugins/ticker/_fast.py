"""The fast implementation, built on an accelerator module."""

from __future__ import annotations

from collections.abc import Mapping

import json


class Impl:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.module = json.__name__

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""
