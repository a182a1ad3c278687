"""A host that builds its plugins' Plugin class with the options and calls process(items)."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping


class Base(abc.ABC):
    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def process(self, items: list[str]) -> Iterable[str]:
        """The processed items."""
