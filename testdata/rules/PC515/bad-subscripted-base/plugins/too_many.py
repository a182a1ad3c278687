"""Subscripts its own one-parameter generic base with two type arguments: TypeError."""

from typing import Generic, TypeVar

from hostbase import Base

T = TypeVar("T")


class _Holder(Generic[T]):
    pass


class Plugin(Base, _Holder[int, str]):  # expect: PC515
    def process(self, items: list[str]) -> list[str]:
        return list(items)
