"""__getattribute__ refuses only the name "secret": the class reads its own _ready, which it
lets through, so run() works."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


class Guarded:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")
        self._ready = True

    def run(self) -> None:
        if self._ready:
            self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""

    def __getattribute__(self, name: str) -> Any:
        if name == "secret":
            raise AttributeError(f"{name} is private")
        return object.__getattribute__(self, name)


def new() -> Plugin:
    return Guarded()
