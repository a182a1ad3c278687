"""Imports a dependency, or else the copy bundled beside the plugin (radiko's pattern)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pinapi import Plugin

try:
    import protobug_not_installed
except ImportError:
    import sys

    bundle = str(Path(__file__).parent / "bundle")
    sys.path.append(bundle)  # expect: PC353
    try:
        import protobug_not_installed
    except ImportError:
        protobug_not_installed = None


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
