"""run() reads the version of a distribution the target does not have, on every call."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import version

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.shown = version("plugcheck-no-such-distribution")  # expect: PC539

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ticker()
