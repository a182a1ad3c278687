"""run() reads, through Path(os.path.join(...)), a file the package does not ship."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from plugapi import Plugin


class Reader:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.text = Path(os.path.join(os.path.dirname(__file__), "notes.txt")).read_text()  # expect: PC545

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Reader()
