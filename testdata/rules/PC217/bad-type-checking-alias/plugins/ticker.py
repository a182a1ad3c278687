"""json is imported under `t.TYPE_CHECKING` only: the flag read through a module alias."""

from __future__ import annotations

import typing as t
from collections.abc import Mapping

from plugapi import Plugin

if t.TYPE_CHECKING:
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
