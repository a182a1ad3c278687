"""A host that calls each plugin module's plugin(registry) and requires a Checker subclass back."""

from __future__ import annotations


class Checker:
    def __init__(self) -> None:
        self.seen: list[str] = []


class Registry:
    def __init__(self) -> None:
        self.checkers: list[type[Checker]] = []

    def add_checker(self, checker: type[Checker]) -> None:
        """Remember the checker class (returns nothing)."""
        self.checkers.append(checker)
