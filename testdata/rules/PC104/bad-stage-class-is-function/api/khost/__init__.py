"""The differential stage host's plugin API."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping


class Stage(abc.ABC):
    """Plugins subclass it; the host builds ``cls(name, options)``, then calls prepare(),
    process(items) and close() in turn."""

    def __init__(self, name: str, options: Mapping[str, str]) -> None:
        self.name = name
        self.options = dict(options)

    def prepare(self) -> None:
        """Called once before process(); plugins may override it."""

    @abc.abstractmethod
    def process(self, items: list[str]) -> Iterable[str]:
        """The processed items; the host iterates them."""

    def close(self) -> None:
        """Called once at the end; plugins may override it."""
