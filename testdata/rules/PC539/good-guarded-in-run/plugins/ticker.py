"""run() reads the version of a distribution the target does not have, guarded by `except PackageNotFoundError`."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        try:
            self.shown = version("plugcheck-no-such-distribution")
        except PackageNotFoundError:
            self.shown = "0"

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ticker()
