"""__getattribute__ refuses every private name, its own _ready included: run() reads
self._ready on every call, and the host's run() raises AttributeError."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


class Guarded:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")
        self._ready = True

    def run(self) -> None:
        if self._ready:  # expect: PC203
            self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""

    def __getattribute__(self, name: str) -> Any:
        if name.startswith("_") and not name.startswith("__"):
            raise AttributeError(f"{name} is private")
        return object.__getattribute__(self, name)


def new() -> Plugin:
    return Guarded()
