"""Deletes a helper and an old new(); the new() defined after the del is the one the host gets."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def _helper() -> int:
    return 1


def new() -> Plugin:
    return Ticker()


del _helper, new


def new() -> Plugin:  # type: ignore[no-redef]
    return Ticker()
