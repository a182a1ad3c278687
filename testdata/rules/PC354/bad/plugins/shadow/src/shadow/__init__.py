"""Declares its own Plugin protocol instead of importing the host's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class Plugin(Protocol):  # expect: PC354
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


class Shadow(Plugin):  # expect: PC354
    def __init__(self) -> None:
        self.config: dict[str, str] = {}

    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        self.config.setdefault("ran", "yes")

    def shutdown(self, timeout: float) -> None:
        self.config.clear()


def new() -> Plugin:
    return Shadow()
