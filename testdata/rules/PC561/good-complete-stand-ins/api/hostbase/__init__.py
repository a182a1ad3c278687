"""A host that builds its plugins' Plugin class with the options and calls process(items)."""

from __future__ import annotations

import abc
from collections.abc import Iterable


class Base(abc.ABC):
    def __init__(self, level: str, style: str = "plain") -> None:
        self.level = level
        self.style = style

    @abc.abstractmethod
    def process(self, items: list[str]) -> Iterable[str]:
        """The processed items."""
