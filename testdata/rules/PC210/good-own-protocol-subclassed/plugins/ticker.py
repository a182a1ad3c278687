"""A concrete class naming the plugin's own protocol as its base."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from plugapi import Plugin


class Lifecycle(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


class Ticker(Lifecycle):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")


def new() -> Plugin:
    return Ticker()
