"""A host whose stages it builds with a name and options, then prepares, runs and cleans up."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping


class Stage(abc.ABC):
    def __init__(self, name: str, options: Mapping[str, str]) -> None:
        self.name = name
        self.options = dict(options)

    def prepare(self) -> None:
        """Called once before process()."""

    @abc.abstractmethod
    def process(self, items: list[str]) -> Iterable[str]:
        """The processed items; the host iterates them."""

    def cleanup(self):  # type: ignore[no-untyped-def]  # says nothing of its result
        """Called once at the end."""
