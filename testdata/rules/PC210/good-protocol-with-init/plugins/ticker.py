"""A class that also lists Protocol among its bases, but defines __init__: Python builds it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from plugapi import Plugin


class Ticker(Plugin, Protocol):
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = str(config.get("greeting", ""))

    def run(self) -> None:
        self.ticks = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
