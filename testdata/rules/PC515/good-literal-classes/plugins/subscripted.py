"""Subscripted classes that are generic: a Generic[T] class, and one with __class_getitem__."""

from collections.abc import Mapping
from typing import Generic, TypeVar

T = TypeVar("T")


class Sized:
    def __class_getitem__(cls, item: object) -> type:
        return cls


class Ticker(Generic[T]):
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


Small = Sized[int]
new = Ticker[int]
