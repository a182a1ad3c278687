"""Imports the API through its own copy."""

from __future__ import annotations

from collections.abc import Mapping

from bundled._vendor.pinapi import Plugin  # expect: PC351


class Bundled:
    def __init__(self) -> None:
        self.config: dict[str, str] = {}

    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        self.config.setdefault("ran", "yes")

    def shutdown(self, timeout: float) -> None:
        self.config.clear()


def new() -> Plugin:
    return Bundled()
