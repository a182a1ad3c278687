"""__all__ extended before anything bound it: the import raises NameError."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

__all__ += ["new"]  # expect: PC557  # noqa: F821


class Counter:
    def init(self, config: Mapping[str, str]) -> None:
        self.total = len(config)

    def run(self) -> None:
        self.total += 1

    def shutdown(self, timeout: float) -> None:
        self.total = 0


def new() -> Plugin:
    return Counter()
