"""A plugin that ships its tests and a command line in its package."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.config = config

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
