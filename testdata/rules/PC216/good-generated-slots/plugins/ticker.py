"""attrs' @define(slots=False) keeps a __dict__; @define with the field declared is fine too."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from plugapi import Plugin


@attrs.define(slots=False)
class Ticker:
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


@attrs.define
class Declared:
    greeting: str = ""
    count: int = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker() if len(__name__) > 1 else Declared()
