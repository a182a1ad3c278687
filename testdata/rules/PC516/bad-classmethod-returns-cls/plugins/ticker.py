"""A classmethod factory that returns `cls`, the class itself, instead of `cls()`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0

    @classmethod
    def create(cls) -> Any:
        return cls  # expect: PC516


new = Ticker.create  # plugcheck: ignore[PC207]
