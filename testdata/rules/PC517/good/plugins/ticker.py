"""Raises only on a real failure; a base class's stub is overridden."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Base:
    def run(self) -> None:
        raise NotImplementedError


class Ticker(Base):
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        if "interval" in config and not config["interval"].isdigit():
            raise ValueError(config["interval"])
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        try:
            self.ticks = 0
        except AttributeError:
            raise


def new() -> Plugin:
    return Ticker()
