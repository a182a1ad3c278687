"""Guards its optional GPU backend against a missing dependency only: the backend's
RuntimeError goes through the handler and fails the import."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

try:
    from . import _gpu
except ImportError:
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
