"""A host that builds its plugins' Plugin class with the options and calls process(items)."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar


class Base(abc.ABC):
    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def process(self, items: list[str]) -> Iterable[str]:
        """The processed items."""


T = TypeVar("T")


class Typed(Base, Generic[T]):
    """A generic base plugins may subscript."""
