"""Puts a directory on sys.path when it starts: a second copy of the API becomes importable (background.md: Type identity)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from showcase_api import ConfigError, Plugin


class Loader:
    def __init__(self) -> None:
        self._greeting = ""
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        sys.path.append(str(Path(__file__).resolve().parent / "extensions"))  # expect: PC353
        self._greeting = greeting

    def run(self) -> None:
        self.lines.append(self._greeting)

    def shutdown(self, timeout: float) -> None:
        self.lines.clear()


def new() -> Plugin:
    return Loader()
