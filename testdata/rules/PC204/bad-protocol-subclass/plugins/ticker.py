"""Subclasses the Protocol explicitly but gives run() a parameter the host does not pass."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker(Plugin):
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self, times: int) -> None:  # expect: PC204
        self.ticks += times

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
