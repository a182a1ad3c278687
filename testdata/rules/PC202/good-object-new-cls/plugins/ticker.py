"""__new__ allocates the class itself with object.__new__(cls)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


class Legacy:
    def start(self) -> None:
        return None


class Ticker:
    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        return object.__new__(cls)

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ticker()
