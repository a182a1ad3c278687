"""The slotted dataclass names its class in super(): that is the class it made."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from plugapi import Plugin


class _Configured:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = str(config.get("greeting", ""))


@dataclass(slots=True)
class Worker(_Configured):
    greeting: str = ""
    count: int = 0

    def init(self, config: Mapping[str, str]) -> None:
        super(Worker, self).init(config)

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
