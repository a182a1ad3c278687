"""run() under a contextlib.contextmanager of the plugin's own whose exit always raises."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

from plugapi import Plugin


@contextlib.contextmanager
def _timed():
    yield
    raise RuntimeError("left open")


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    @_timed()  # expect: PC517
    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
