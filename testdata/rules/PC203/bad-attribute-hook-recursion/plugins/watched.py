"""__getattribute__ reads self.__dict__, which runs __getattribute__ again: the host's first
lookup (isinstance against the protocol) raises RecursionError."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


class Watched:
    def __getattribute__(self, name: str) -> Any:
        return self.__dict__[name]  # expect: PC203

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = 1

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Watched()
