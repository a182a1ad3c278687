"""init() calls zero-argument super() in a @dataclass(slots=True) class: the decorator made a
new class, the method's super() names the old one (TypeError before Python 3.14)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugapi import Plugin


class _Configured:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = str(config.get("greeting", ""))


@dataclasses.dataclass(slots=True)
class Worker(_Configured):
    greeting: str = ""
    count: int = 0

    def init(self, config: Mapping[str, str]) -> None:
        super().init(config)  # expect: PC517
        self.greeting = self.greeting.strip()

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
