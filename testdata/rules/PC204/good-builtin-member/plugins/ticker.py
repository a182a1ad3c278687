"""shutdown = abs: a builtin function is no descriptor, so the instance is not passed to it and
the host's shutdown(timeout) is abs(timeout), which works (a def would get the instance)."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    shutdown = abs


def new() -> Plugin:
    return Ticker()
