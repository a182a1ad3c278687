"""init() reads its defaults from a file the package ships."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from plugapi import Plugin


class Greeter:
    def init(self, config: Mapping[str, str]) -> None:
        self.defaults = json.loads(Path(__file__).with_name("defaults.json").read_text())

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Greeter()
