"""A plugin that fetches its station list when it is imported."""

from __future__ import annotations

import requests

try:
    STATIONS = requests.Session().get("https://radio.invalid/stations")  # expect: PC110
except OSError:
    STATIONS = ""


class Radio:
    def run(self) -> str:
        return STATIONS


def new() -> Radio:
    return Radio()
