"""run() is set on every subclass by its base's __init_subclass__."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Runnable:
    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.run = cls._tick


class Ticker(Runnable):  # expect: PC213
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def _tick(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Ticker:
    return Ticker()
