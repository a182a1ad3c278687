"""@logged returns inner(), which cannot take the instance."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from plugapi import Plugin


def logged(fn: Callable[..., Any]) -> Any:
    def inner() -> Any:
        return fn()

    return inner


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    @logged
    def run(self) -> None:  # expect: PC204
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Ticker()
