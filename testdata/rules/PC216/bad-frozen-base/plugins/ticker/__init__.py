"""Ticker extends the frozen Settings: `greeting` is a frozen field."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from ._settings import Settings


class Ticker(Settings):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")  # expect: PC216

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Ticker()
