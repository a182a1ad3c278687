"""run() comes from a class decorator, which binds a function that wants an argument."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")


def runnable(cls: type[T]) -> type[T]:
    setattr(cls, "run", lambda self, times: None)  # expect: PC204
    return cls


@runnable
class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Ticker:
    return Ticker()
