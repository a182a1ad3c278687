"""functools.total_ordering on a class without an ordering method raises ValueError."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from plugapi import Plugin


@functools.total_ordering  # expect: PC515
class Ordered:
    def __init__(self) -> None:
        self.greeting = ""

    def __eq__(self, other: object) -> bool:
        return self is other

    __hash__ = object.__hash__

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ordered()
