"""json is imported under TYPE_CHECKING only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from plugapi import Plugin

if TYPE_CHECKING:
    import json


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.text = json.dumps(self.greeting)  # expect: PC217

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
