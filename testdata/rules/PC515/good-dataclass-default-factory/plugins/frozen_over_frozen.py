"""A frozen dataclass over a frozen one, and a plain one over a plain class: both fine."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from plugapi import Plugin


@dataclasses.dataclass(frozen=True)
class _Base:
    greeting: str = ""


class _Plain:
    pass


@dataclasses.dataclass
class _Settings(_Plain):
    level: int = 0


@dataclasses.dataclass(frozen=True)
class Frozen(_Base):
    settings: _Settings = dataclasses.field(default_factory=_Settings)

    def init(self, config: Mapping[str, str]) -> None:
        return None

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Frozen()
