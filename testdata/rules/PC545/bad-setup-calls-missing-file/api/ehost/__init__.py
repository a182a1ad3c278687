"""The differential entry-function host's plugin API."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping


class Registry:
    """What the host passes first: plugins may add options and checkers to it."""

    def __init__(self) -> None:
        self.checkers: list[type[Checker]] = []
        self.options: dict[str, object] = {}

    def add_checker(self, checker: type[Checker]) -> None:
        self.checkers.append(checker)

    def add_option(self, name: str, default: object = None) -> None:
        self.options[name] = default


class Checker(abc.ABC):
    """What plugin(registry, options) returns: a subclass, built with the options."""

    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def check(self, text: str) -> Iterable[str]:
        """The messages for ``text``; the host iterates them."""
