"""run() was meant to come from __getattr__, which serves no name at all."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0

    def __getattr__(self, name: str) -> Any:
        if name in ():
            return None
        raise AttributeError(name)  # expect: PC203


def new() -> Plugin:
    return Ticker()
