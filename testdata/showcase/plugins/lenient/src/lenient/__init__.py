"""Broken: init() takes an empty greeting instead of raising ConfigError (PC406)."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import Plugin


class Echo:
    def __init__(self) -> None:
        self._greeting = ""
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:  # expect: PC406
        self._greeting = config.get("greeting", "")

    def run(self) -> None:
        self.lines.append(f"{self._greeting}, world")

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> Plugin:
    return Echo()
