"""Writes compact JSON through its own function; the json module stays as it is."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from plugapi import ConfigError, Plugin


def compact(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


class Compact:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")
        if not self.greeting:
            raise ConfigError("greeting must not be empty")

    def run(self) -> None:
        compact({"greeting": self.greeting})

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Compact()
