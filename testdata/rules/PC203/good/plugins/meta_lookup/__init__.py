"""A metaclass that only answers lookups on the class; the class body has every member."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class _Lookup(type):
    def __getattr__(cls, name: str) -> Any:
        raise AttributeError(name)


class MetaLookup(metaclass=_Lookup):
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> MetaLookup:
    return MetaLookup()
