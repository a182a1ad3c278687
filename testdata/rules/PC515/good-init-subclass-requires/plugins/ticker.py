"""Base.__init_subclass__ requires a `label` attribute, which Ticker binds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


class Base:
    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not hasattr(cls, "label"):
            raise TypeError("a plugin class needs a label")


class Ticker(Base):
    label = "ticker"

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
