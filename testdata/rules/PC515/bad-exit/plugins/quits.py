"""Refuses to load outside a CI job: sys.exit() at module level ends the host's process."""

from __future__ import annotations

import sys as system
from collections.abc import Mapping

from plugapi import Plugin

system.exit("quits only runs in CI")  # expect: PC515


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()

