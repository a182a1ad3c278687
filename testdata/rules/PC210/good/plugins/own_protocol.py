"""The factory checks its worker against its own runtime-checkable Protocol (isinstance works
with data members), and against a non-runtime one only when the first test fails."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from plugapi import Plugin


@runtime_checkable
class _Named(Protocol):
    greeting: str


class _Unchecked(Protocol):
    def run(self) -> None: ...


class Worker:
    def __init__(self) -> None:
        self.greeting = "hello"

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", self.greeting)

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    worker = Worker()
    if not isinstance(worker, _Named) and not isinstance(worker, _Unchecked):
        raise TypeError("not a worker")
    return worker
