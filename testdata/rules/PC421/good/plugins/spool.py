"""Flushes what it holds in shutdown(); its finalizer only releases and never raises."""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from plugapi import Plugin

_SENT: list[str] = []


def _release(lines: list[str]) -> None:
    lines.clear()


class Spool:
    def __init__(self) -> None:
        self.lines: list[str] = []
        weakref.finalize(self, _release, self.lines)

    def init(self, config: Mapping[str, str]) -> None:
        self.lines.append(config.get("greeting", ""))

    def run(self) -> None:
        self.lines.append("run")

    def shutdown(self, timeout: float) -> None:
        _SENT.extend(self.lines)
        self.lines.clear()

    def __del__(self) -> None:
        self.lines = []


def new() -> Plugin:
    return Spool()
