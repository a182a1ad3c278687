"""A NamedTuple with a field named _greeting: creating the class raises ValueError."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from plugapi import Plugin


class Ticker(NamedTuple):  # expect: PC515
    _greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        return None

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ticker()
