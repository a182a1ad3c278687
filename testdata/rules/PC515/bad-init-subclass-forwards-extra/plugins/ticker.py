"""A keyword the registry base does not name goes on to object.__init_subclass__."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin

REGISTRY: dict[str, type] = {}


class Registered:
    def __init_subclass__(cls, key: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)  # expect: PC515
        REGISTRY[key] = cls


class Ticker(Registered, key="ticker", extra=1):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ticker()
