"""run() dispatches on its first argument after self, and the host's run() passes none."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    @functools.singledispatchmethod
    def run(self, arg: object = None) -> None:  # expect: PC204
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
