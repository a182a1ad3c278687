"""The plugin's own json.py read for what it binds, and the standard library's json under
another name."""

from __future__ import annotations

import json as stdlib_json
from collections.abc import Mapping

from plugapi import Plugin

from . import json


class Ticker:
    def __init__(self) -> None:
        self.text = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.text = ""

    def run(self) -> None:
        self.text = stdlib_json.dumps(self.text, indent=json.INDENT)

    def shutdown(self, timeout: float) -> None:
        self.text = ""


def new() -> Plugin:
    return Ticker()
