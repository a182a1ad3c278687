"""A lone module: before Python 3.12, importlib.resources.files() takes only a package."""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping

from plugapi import Plugin

STOP = (importlib.resources.files(__name__) / "stop.txt").read_text().split()  # expect: PC515


class WordCount:
    def init(self, config: Mapping[str, str]) -> None:
        self.words = [w for w in config.get("greeting", "").split() if w not in STOP]

    def run(self) -> None:
        self.count = len(self.words)

    def shutdown(self, timeout: float) -> None:
        self.words = []


def new() -> Plugin:
    return WordCount()
