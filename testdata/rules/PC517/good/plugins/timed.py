"""run() under a contextlib.contextmanager of the plugin's own that cleans up after its yield."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

from plugapi import Plugin

_LOG: list[str] = []


@contextlib.contextmanager
def _timed():
    _LOG.append("start")
    yield
    _LOG.append("stop")


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    @_timed()
    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
