"""The import resets a ContextVar twice with the one token its set gave (RuntimeError: a token
resets its variable once)."""

from __future__ import annotations

import contextvars
from collections.abc import Mapping

from plugapi import Plugin

_LEVEL = contextvars.ContextVar("level", default="1")

_TOKEN = _LEVEL.set("2")
_RESET = [_LEVEL.reset(_TOKEN), _LEVEL.reset(_TOKEN)]  # expect: PC515


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
