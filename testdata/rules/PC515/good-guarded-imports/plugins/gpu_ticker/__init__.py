"""Guards its optional GPU backend against the error the backend raises as well."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

try:
    from . import _gpu
except (ImportError, RuntimeError):
    _gpu = None


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
