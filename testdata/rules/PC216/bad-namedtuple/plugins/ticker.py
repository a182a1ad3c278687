"""A NamedTuple has no __dict__ and read-only fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Ticker(NamedTuple):
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")  # type: ignore[misc]  # expect: PC216

    def run(self) -> None:
        _ = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = timeout


def new() -> Ticker:
    return Ticker()
