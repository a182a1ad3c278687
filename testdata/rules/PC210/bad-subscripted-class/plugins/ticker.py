"""new() makes Ticker[str](), but Ticker is no generic class."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new():  # plugcheck: ignore[PC207]
    return Ticker[str]()  # expect: PC210
