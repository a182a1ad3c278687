"""A plugin whose speed-ups are a Git LFS pointer: the objects were never fetched."""

from __future__ import annotations

from collections.abc import Mapping

from pinapi import Plugin

from ._speedups import speed


class Lfs:
    def __init__(self) -> None:
        self.config: dict[str, str] = {}

    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        self.config.setdefault("ran", str(speed()))

    def shutdown(self, timeout: float) -> None:
        self.config.clear()


def new() -> Plugin:
    return Lfs()
