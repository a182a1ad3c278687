"""Subclasses the Protocol explicitly and inherits its shutdown(): the inherited body runs."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker(Plugin):
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1


def new() -> Plugin:
    return Ticker()
