"""A dataclass plugin whose factory does not pass the required field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from plugapi import Plugin


@dataclass
class Greeter:
    greeting: str

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", self.greeting)

    def run(self) -> None:
        self.greeting = self.greeting.strip()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Greeter()  # expect: PC210
