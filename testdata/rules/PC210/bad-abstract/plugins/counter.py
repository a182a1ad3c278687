"""The plugin class inherits an abstract helper from its own base and never implements it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping


class Base(ABC):
    @abstractmethod
    def step(self) -> int: ...


class Counter(Base):  # expect: PC210
    def __init__(self) -> None:
        self.total = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.total = 0

    def run(self) -> None:
        self.total += 1

    def shutdown(self, timeout: float) -> None:
        self.total = 0


def new() -> Counter:
    return Counter()
