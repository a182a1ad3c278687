"""A linter whose plugins return a Checker subclass; it builds it with the options."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping


class Registry:
    def __init__(self) -> None:
        self.names: list[str] = []


class Checker(abc.ABC):
    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def check(self, text: str) -> Iterable[str]:
        """The messages for ``text``."""
