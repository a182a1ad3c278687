"""A dataclass whose required field follows its base's defaulted one, made keyword-only
(kw_only=True), and one ordered by dataclass itself: dataclass makes both."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from plugapi import Plugin


@dataclasses.dataclass
class _Base:
    greeting: str = ""


@runtime_checkable
class _Leveled(Protocol):
    level: int


@dataclasses.dataclass(order=True)
class _Rank:
    value: int = 0


@dataclasses.dataclass(kw_only=True)
class Leveled(_Base):
    level: int

    def init(self, config: Mapping[str, str]) -> None:
        return None

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    worker = Leveled(level=1)
    assert isinstance(worker, _Leveled) and _Rank() < _Rank(1)
    return worker
