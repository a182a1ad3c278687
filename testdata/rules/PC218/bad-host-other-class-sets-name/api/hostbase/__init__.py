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


class Registry:
    """What the host passes plugins to add options to: its own options, not a plugin's."""

    def __init__(self) -> None:
        self.options: dict[str, object] = {}

    def add_option(self, name: str, default: object = None) -> None:
        self.options[name] = default
