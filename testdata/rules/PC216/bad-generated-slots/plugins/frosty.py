"""attrs' @frozen: init() assigns a field, which raises FrozenInstanceError."""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from plugapi import Plugin


@frozen
class Frosty:
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")  # expect: PC216

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Frosty()
