"""Metadata read the safe ways: an installed distribution, and a guarded missing one."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import metadata
from importlib.metadata import PackageNotFoundError, version

from plugapi import Plugin

CLICK = metadata.version("click")
try:
    __version__ = version("ticker-plugin-dist")
except PackageNotFoundError:
    __version__ = "0.0.0"


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += len(CLICK) + len(__version__)

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
