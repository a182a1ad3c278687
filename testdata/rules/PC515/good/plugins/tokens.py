"""The import sets a ContextVar and resets it once, with the token of that set, in the same
context; the token of a set in a copied context is kept, not used here."""

from __future__ import annotations

import contextvars
from collections.abc import Mapping

from plugapi import Plugin

_LEVEL = contextvars.ContextVar("level", default="1")

_TOKEN = _LEVEL.set("2")
_RESET = _LEVEL.reset(_TOKEN)
_COPIED = contextvars.copy_context().run(_LEVEL.set, "3")


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
