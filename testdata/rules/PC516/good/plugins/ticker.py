"""new() returns an instance; a class whose lifecycle methods are static works as is."""

from __future__ import annotations

import os
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


class Quiet:
    @staticmethod
    def init(config: Mapping[str, str]) -> None:
        return None

    @staticmethod
    def run() -> None:
        return None

    @classmethod
    def shutdown(cls, timeout: float) -> None:
        return None


def new() -> Plugin:
    if os.environ.get("TICKER_QUIET"):
        return Quiet
    return Ticker()
