"""Imports the client library it declares (`ticker-metrics-sdk~=1.2`), which nobody installed
next to the host."""

from __future__ import annotations

from collections.abc import Mapping

import ticker_metrics_sdk.client  # expect: PC309
from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1
        ticker_metrics_sdk.client.send(self.ticks)

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
