"""Subscripts the host's generic Typed base, and its own generic class."""

from typing import Generic, TypeVar

from hostbase import Typed

T = TypeVar("T")


class _Holder(Generic[T]):
    pass


class Plugin(Typed[str], _Holder[int]):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
