"""A ticker whose settings object is built when the module is imported."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Settings:
    def __init__(self, interval: float) -> None:
        self.interval = interval


SETTINGS = Settings(5.0, "seconds")  # expect: PC536


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += int(SETTINGS.interval)

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
