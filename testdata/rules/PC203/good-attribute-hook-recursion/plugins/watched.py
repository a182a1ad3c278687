"""__getattribute__ reads through object.__getattribute__: no recursion."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


class Watched:
    def __getattribute__(self, name: str) -> Any:
        return object.__getattribute__(self, name)

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = 1

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Watched()
