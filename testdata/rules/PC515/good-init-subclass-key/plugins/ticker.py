"""Only the keyword the registry base names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin

REGISTRY: dict[str, type] = {}


class Registered:
    def __init_subclass__(cls, key: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        REGISTRY[key] = cls


class Ticker(Registered, key="ticker"):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ticker()
