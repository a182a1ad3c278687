"""A mixin listed before the base: Python's method resolution order finds its run() first."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Base:
    def run(self) -> None:
        return None


class Mixin:
    def run(self) -> None:
        raise NotImplementedError  # expect: PC517


class Ticker(Mixin, Base):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
