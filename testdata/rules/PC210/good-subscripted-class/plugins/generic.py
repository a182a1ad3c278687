"""new() makes Ticker[str]() of a Generic[T] class."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

T = TypeVar("T")


class Ticker(Generic[T]):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new():  # plugcheck: ignore[PC207]
    return Ticker[str]()
