"""A frozen dataclass over a plain (non-frozen) one: dataclass raises TypeError at import."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugapi import Plugin


@dataclasses.dataclass
class _Base:
    greeting: str = ""


@dataclasses.dataclass(frozen=True)  # expect: PC515
class Frozen(_Base):
    def init(self, config: Mapping[str, str]) -> None:
        return None

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Frozen()
