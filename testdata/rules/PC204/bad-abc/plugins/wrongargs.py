"""Overrides init() with parameters the host does not pass."""

from __future__ import annotations

from abcapi import Plugin


class WrongArgs(Plugin):
    def init(self, config: int) -> None:  # type: ignore[override]  # expect: PC204
        self.config = config + 1

    def run(self) -> None:
        pass


def new() -> Plugin:
    return WrongArgs()
