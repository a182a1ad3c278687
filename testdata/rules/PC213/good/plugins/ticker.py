"""A metaclass and a class decorator, but the whole lifecycle is in the class body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")
REGISTRY: list[type] = []


def registered(cls: type[T]) -> type[T]:
    REGISTRY.append(cls)
    return cls


class Tracked(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Tracked:
        ns["created_by"] = mcs.__name__
        return super().__new__(mcs, name, bases, ns)


@registered
class Ticker(metaclass=Tracked):
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Ticker:
    return Ticker()
