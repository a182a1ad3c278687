"""run() asks issubclass of a runtime-checkable Protocol with a property: TypeError."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from plugapi import Plugin


@runtime_checkable
class _Sized(Protocol):
    @property
    def size(self) -> int: ...


class Worker:
    def __init__(self) -> None:
        self.items: list[str] = []

    @property
    def size(self) -> int:
        return len(self.items)

    def init(self, config: Mapping[str, str]) -> None:
        self.items = list(config)

    def run(self) -> None:
        assert issubclass(type(self), _Sized)  # expect: PC517
        self.items.append("ran")

    def shutdown(self, timeout: float) -> None:
        self.items.clear()


def new() -> Plugin:
    return Worker()
