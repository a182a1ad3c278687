"""`from . import json` binds the plugin's own json.py, which has no dumps: every run()
raises AttributeError."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from . import json


class Ticker:
    def __init__(self) -> None:
        self.text = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.text = ""

    def run(self) -> None:
        self.text = json.dumps(self.text)  # expect: PC517

    def shutdown(self, timeout: float) -> None:
        self.text = ""


def new() -> Plugin:
    return Ticker()
