"""A host that builds every Checker subclass a plugin module defines with its options, iterates
what check(text) returns and asks each for its summary()."""

from __future__ import annotations

from collections.abc import Iterable


class Options:
    def __init__(self) -> None:
        self.max_line = 80


class Checker:
    name = ""

    def __init__(self, options: Options) -> None:
        self.options = options

    def check(self, text: str) -> Iterable[str]:
        return []

    def summary(self) -> str:
        return self.name
