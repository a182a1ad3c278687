"""A ContextVar without a default that only a copied context ever sets: run()'s get() raises
LookupError on every call, and shutdown() resets the token init() made twice (RuntimeError)."""

from __future__ import annotations

import contextvars
from collections.abc import Mapping

from plugapi import Plugin

_GREETING = contextvars.ContextVar("greeting")
_LEVEL = contextvars.ContextVar("level", default="1")


class Worker:
    def __init__(self) -> None:
        self.count = 0

    def init(self, config: Mapping[str, str]) -> None:
        contextvars.copy_context().run(_GREETING.set, config.get("greeting", ""))
        self.token = _LEVEL.set("2")

    def run(self) -> None:
        self.count = len(_GREETING.get())  # expect: PC517

    def shutdown(self, timeout: float) -> None:
        _LEVEL.reset(self.token)
        _LEVEL.reset(self.token)  # expect: PC517


def new() -> Plugin:
    return Worker()
