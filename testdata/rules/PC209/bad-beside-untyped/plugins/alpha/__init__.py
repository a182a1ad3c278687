"""A healthy plugin with an optional library mypy cannot find (an ordinary error, import-not-found)."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

try:
    import plugcheck_absent_speedups as speedups
except ImportError:
    speedups = None


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "") if isinstance(config, Mapping) else ""

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
