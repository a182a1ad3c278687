"""A Generic[T] plugin class; the factory fixes T to the config type the host passes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

T = TypeVar("T")


class Boxed(Generic[T]):
    def __init__(self, default: T) -> None:
        self.value = default

    def init(self, config: T) -> None:
        self.value = config

    def run(self) -> None:
        self.last = self.value

    def shutdown(self, timeout: float) -> None:
        self.last = self.value


def new() -> Boxed[Mapping[str, str]]:
    return Boxed({"greeting": "hello"})
