"""shutdown() comes from a class decorator: only the running class has it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


def closable(cls: type[T]) -> type[T]:
    def shutdown(self: Any, timeout: float) -> None:
        self.ticks = 0

    setattr(cls, "shutdown", shutdown)
    return cls


@closable
class Ticker:  # expect: PC213
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1


def new() -> Ticker:
    return Ticker()
