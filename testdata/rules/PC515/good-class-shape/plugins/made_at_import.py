"""The one instance is made at import, and its __init__ sets only what its __slots__ lists or a
property of the class stores there."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Counter:
    __slots__ = ("count", "_label")

    def __init__(self) -> None:
        self.count = 0
        self.label = "ticks"

    @property
    def label(self) -> str:
        return self._label

    @label.setter
    def label(self, value: str) -> None:
        self._label = value

    def init(self, config: Mapping[str, str]) -> None:
        self.count = 0

    def run(self) -> None:
        self.count += 1

    def shutdown(self, timeout: float) -> None:
        self.count = 0


_DEFAULT = Counter()


def new() -> Plugin:
    return _DEFAULT
