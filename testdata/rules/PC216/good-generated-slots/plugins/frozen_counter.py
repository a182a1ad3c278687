"""A frozen slotted dataclass: run() stores a field through object.__setattr__, which passes
the frozen check by; the instance has a slot for it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugapi import Plugin


@dataclasses.dataclass(frozen=True, slots=True)
class FrozenCounter:
    greeting: str = ""
    count: int = 0

    def init(self, config: Mapping[str, str]) -> None:
        object.__setattr__(self, "greeting", config.get("greeting", ""))

    def run(self) -> None:
        object.__setattr__(self, "count", len(self.greeting))

    def shutdown(self, timeout: float) -> None:
        object.__setattr__(self, "greeting", "")


def new() -> Plugin:
    return FrozenCounter()
