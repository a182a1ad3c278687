"""A plugin that loads its settings at import time."""

from __future__ import annotations

import json
from pathlib import Path

from plugapi import Plugin

SETTINGS = json.loads(open(Path(__file__).with_name("settings.json")).read())  # expect: PC110
TEMPLATE = (Path(__file__).parent / "template.txt").read_text()  # expect: PC110


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()
