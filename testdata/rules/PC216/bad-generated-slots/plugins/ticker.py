"""attrs' @define makes Ticker slotted: run() sets `count`, which is no field (AttributeError)."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from plugapi import Plugin


@attrs.define
class Ticker:
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)  # expect: PC216

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
