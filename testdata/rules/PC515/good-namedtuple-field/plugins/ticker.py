"""A NamedTuple whose field has a public name: the class is created."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from plugapi import Plugin


class Ticker(NamedTuple):
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        return None

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ticker()
