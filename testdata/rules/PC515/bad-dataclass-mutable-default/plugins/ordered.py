"""dataclass(order=True) over a class that defines __lt__ itself: TypeError at import."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugapi import Plugin


@dataclasses.dataclass(order=True)  # expect: PC515
class Ranked:
    greeting: str = ""

    def __lt__(self, other: Ranked) -> bool:
        return self.greeting < other.greeting

    def init(self, config: Mapping[str, str]) -> None:
        return None

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ranked()
