"""Wraps a half-finished class and casts it to the protocol to please mypy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from plugapi import ConfigError, Plugin


class Caster:  # expect: PC404
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        self.greeting = config["greeting"]

    def run(self) -> None:
        self.greeting = self.greeting.upper()


def new() -> Plugin:
    return cast(Plugin, Caster())
