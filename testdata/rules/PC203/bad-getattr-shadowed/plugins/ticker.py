"""The class body binds run to None: Python finds it there and never asks __getattr__."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    run = None  # expect: PC203

    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def __getattr__(self, name: str) -> object:
        return lambda: None

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Ticker:
    return Ticker()
