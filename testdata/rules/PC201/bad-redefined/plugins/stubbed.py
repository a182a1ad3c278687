"""new is defined, then bound again to a stub that makes nothing: Python keeps the stub."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Stubbed:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Stubbed()


new = lambda: None  # noqa: E731  # expect: PC201
