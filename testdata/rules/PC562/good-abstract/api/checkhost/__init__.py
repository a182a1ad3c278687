"""A linter whose plugins' ``plugin(registry, options)`` returns a Checker subclass, which it
builds with the options (an abstract base: check must be implemented)."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping


class Checker(abc.ABC):
    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def check(self, text: str) -> Iterable[str]:
        """The messages for ``text``."""
