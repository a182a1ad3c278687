"""The one instance is made at import, and its __init__ sets an attribute its __slots__ leaves
out: the slotted instance has no __dict__, so the import raises AttributeError."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Counter:
    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0
        self.label = "ticks"  # expect: PC515

    def init(self, config: Mapping[str, str]) -> None:
        self.count = 0

    def run(self) -> None:
        self.count += 1

    def shutdown(self, timeout: float) -> None:
        self.count = 0


_DEFAULT = Counter()


def new() -> Plugin:
    return _DEFAULT
