"""Mapping is imported for the type checker only, but this module's annotations are evaluated
when it is imported (no `from __future__ import annotations`)."""

from typing import TYPE_CHECKING

from plugapi import Plugin

if TYPE_CHECKING:
    from collections.abc import Mapping


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:  # expect: PC212
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
