"""Imports its sibling plugin before it binds the stamp the sibling imports from it."""

from __future__ import annotations

from collections.abc import Mapping

import ticker_common  # expect: PC535
from plugapi import Plugin

STAMP = "2024"


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.common = ticker_common.new()
        self.common.init(config)

    def run(self) -> None:
        self.common.run()

    def shutdown(self, timeout: float) -> None:
        self.common.shutdown(timeout)


def new() -> Plugin:
    return Ticker()
