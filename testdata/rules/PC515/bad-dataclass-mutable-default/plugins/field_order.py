"""A dataclass whose own field has no default after its base dataclass's field with one: the
__init__ dataclass writes would take a required argument after a defaulted one (TypeError)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugapi import Plugin


@dataclasses.dataclass
class _Base:
    greeting: str = ""


@dataclasses.dataclass  # expect: PC515
class Leveled(_Base):
    level: int

    def init(self, config: Mapping[str, str]) -> None:
        return None

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Leveled(level=1)
