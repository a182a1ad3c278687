"""A generic ticker: its type parameter's default comes from typing_extensions, which takes
`default=` on every Python version; a relative import names its package."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Generic

from typing_extensions import TypeVar

from plugapi import Plugin

T = TypeVar("T", default=int)
_json = importlib.import_module("json")


class Ticker(Generic[T]):
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += len(_json.dumps(self.ticks))

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
