"""Writes a summary at exit, from a dictionary its shutdown() already emptied."""

from __future__ import annotations

import atexit
from collections.abc import Mapping

from plugapi import Plugin

_counts: dict[str, int] = {}


def _summary() -> None:
    print(f"greeted {_counts['greeted']} times")  # expect: PC419


class Report:
    def init(self, config: Mapping[str, str]) -> None:
        _counts["greeted"] = 0
        atexit.register(_summary)

    def run(self) -> None:
        _counts["greeted"] += 1

    def shutdown(self, timeout: float) -> None:
        _counts.clear()


def new() -> Plugin:
    return Report()
