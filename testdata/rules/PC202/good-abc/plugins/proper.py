"""Subclasses the ABC, implements the abstract methods, inherits shutdown()."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


class Proper(Plugin):
    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ValueError("greeting is required")
        self.greeting = config["greeting"]

    def run(self) -> None:
        self.greeting = self.greeting.title()


def new() -> Plugin:
    return Proper()
