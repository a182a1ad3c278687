"""shutdown() is added by the class's metaclass."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _shutdown(self: Any, timeout: float) -> None:
    self.ticks = 0


class Closable(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Closable:
        ns.setdefault("shutdown", _shutdown)
        return super().__new__(mcs, name, bases, ns)


class Ticker(metaclass=Closable):  # expect: PC213
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1


def new() -> Ticker:
    return Ticker()
