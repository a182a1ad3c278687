"""Guards its version read with `except LookupError`, which PackageNotFoundError (an
ImportError) is not: the import still fails."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import version

from plugapi import Plugin

try:
    __version__ = version("ticker-plugin-dist")  # expect: PC539
except (LookupError, ValueError):
    __version__ = "0"


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
