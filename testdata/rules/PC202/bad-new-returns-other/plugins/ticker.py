"""__new__ returns a legacy object instead of a Ticker."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Legacy:
    def start(self) -> None:
        self.started = True


class Ticker:
    def __new__(cls, *args, **kwargs):
        return Legacy()  # expect: PC202

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
