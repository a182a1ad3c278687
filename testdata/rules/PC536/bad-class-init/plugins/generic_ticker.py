"""A generic ticker whose type parameter has a default (PEP 696): typing takes `default=` only
from Python 3.13, so on an older target the module's import fails with TypeError."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

from plugapi import Plugin

T = TypeVar("T", default=int)  # expect: PC536


class Ticker(Generic[T]):
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
