"""Ticker does not override Base.run."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from .base import Base


class Ticker(Base):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
