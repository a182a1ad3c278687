"""init() declares the host's own type and calls a method no Mapping has."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.upper()  # expect: PC219

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Worker()
