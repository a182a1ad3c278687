"""The factory's parameter gets its default after the def: the host's new() works."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Shouter:
    def __init__(self, volume: int) -> None:
        self.volume = volume
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        self.lines = [config.get("greeting", "")] * self.volume

    def run(self) -> None:
        self.lines = [line.upper() + "!" for line in self.lines]

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new(volume: int) -> Plugin:  # expect: PC207
    return Shouter(volume)


new.__defaults__ = (2,)
