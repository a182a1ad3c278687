"""Imports a dependency, or else the copy bundled beside the plugin (radiko's pattern)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pinapi import Plugin

try:
    import json
except ImportError:
    import sys

    bundle = str(Path(__file__).parent / "bundle")
    sys.path.append(bundle)
    try:
        import json
    except ImportError:
        json = None


class Careful:
    def __init__(self) -> None:
        self.config: dict[str, str] = {}

    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        self.config.setdefault("ran", "yes")

    def shutdown(self, timeout: float) -> None:
        self.config.clear()


def new() -> Plugin:
    return Careful()
