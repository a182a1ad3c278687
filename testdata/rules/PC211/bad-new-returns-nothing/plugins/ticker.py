"""__new__ records the call and forgets to return the instance."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    made = 0

    def __new__(cls, *args, **kwargs):  # expect: PC211
        cls.made += 1

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
