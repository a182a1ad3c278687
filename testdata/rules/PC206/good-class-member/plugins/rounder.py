"""shutdown bound to float in a base class of the plugin's own: the host's shutdown(timeout)
makes float(timeout), a value it drops."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Base:
    shutdown = float


class Rounder(Base):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()


def new() -> Plugin:
    return Rounder()
