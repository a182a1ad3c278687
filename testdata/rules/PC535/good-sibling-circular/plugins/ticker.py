"""Binds the stamp before it imports the sibling plugin that imports it."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

STAMP = "2024"

import ticker_common  # noqa: E402


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
