"""Subscripts its own two-parameter generic base with two type arguments, and a ParamSpec
generic with a list of them."""

from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

from hostbase import Base

K = TypeVar("K")
V = TypeVar("V")
P = ParamSpec("P")


class _Pair(Generic[K, V]):
    pass


class _Call(Generic[P]):
    hook: Callable[P, None] | None = None


class Plugin(Base, _Pair[str, int], _Call[int, str]):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
