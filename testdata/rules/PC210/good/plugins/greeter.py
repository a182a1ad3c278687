"""A dataclass plugin built with its field, on a base whose abstract helper it implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field

from plugapi import Plugin


class Base(ABC):
    @abstractmethod
    def step(self) -> int: ...


@dataclass
class Greeter(Base):
    greeting: str
    seen: list[str] = field(default_factory=list)

    def step(self) -> int:
        return len(self.seen)

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", self.greeting)

    def run(self) -> None:
        self.seen.append(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.seen.clear()


def new() -> Plugin:
    return Greeter(greeting="hi")
